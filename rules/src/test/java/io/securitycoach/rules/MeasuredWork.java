package io.securitycoach.rules;

import com.google.protobuf.ByteString;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.values.CelByteString;
import dev.cel.runtime.CelEvaluationListener;
import io.securitycoach.rules.regex.RegexGate;
import io.securitycoach.rules.regex.RegexRejectedException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The work an evaluation really did, counted from CEL's trace: every node CEL evaluated is {@link
 * RuleCost#NODE_STEPS}, and every call the characters it compared, copied, hashed or read on the
 * values it was really given (a substring search counted as the naive search that Java's
 * String.indexOf does at worst, a regex as its program size x the characters it reads). It also
 * records the longest text and the largest collection any node produced, so the test can check the
 * cut.
 */
final class MeasuredWork implements CelEvaluationListener {
    private final Map<Long, Object> latest = new HashMap<>();
    long steps;
    int longestText;
    int largestCollection;

    @Override
    public void callback(CelExpr expr, Object result) {
        steps += RuleCost.NODE_STEPS;
        if (expr.getKind() == CelExpr.ExprKind.Kind.CALL) {
            steps += call(expr);
        } else if (expr.getKind() == CelExpr.ExprKind.Kind.SELECT) {
            Object operand = latest.get(expr.select().operand().id());
            if (operand instanceof Map
                    && !(expr.select().operand().getKind() == CelExpr.ExprKind.Kind.IDENT
                            && isRecord(expr.select().operand().ident().name()))) {
                steps += lookup(expr.select().field(), (Map<?, ?>) operand);
            }
        }
        observe(expr, result);
        latest.put(expr.id(), result);
    }

    private static boolean isRecord(String ident) {
        return ident.equals("event") || ident.equals("user");
    }

    /** Every text a node produced; the collections a rule reads from its records. */
    private void observe(CelExpr expr, Object v) {
        if (v instanceof String) {
            longestText = Math.max(longestText, ((String) v).length());
        } else if (expr.getKind() == CelExpr.ExprKind.Kind.SELECT) {
            if (v instanceof List) {
                largestCollection = Math.max(largestCollection, ((List<?>) v).size());
            } else if (v instanceof Map) {
                largestCollection = Math.max(largestCollection, ((Map<?, ?>) v).size());
            }
        }
    }

    private long call(CelExpr e) {
        List<Object> in = new ArrayList<>();
        e.call().target().ifPresent(t -> in.add(latest.get(t.id())));
        e.call().args().forEach(a -> in.add(latest.get(a.id())));
        switch (e.call().function()) {
            case "contains":
                return naiveSearch((String) in.get(0), (String) in.get(1));
            case "startsWith":
                return prefix((String) in.get(0), (String) in.get(1), false);
            case "endsWith":
                return prefix((String) in.get(0), (String) in.get(1), true);
            case "matches":
                return regex(e, (String) in.get(0));
            case "size":
                return in.get(0) instanceof String ? ((String) in.get(0)).length() : 1;
            case "_+_": // copies characters, or references to elements
                return length(in.get(0)) + length(in.get(1));
            case "@in":
                return member(in.get(0), in.get(1));
            case "_[_]":
                return in.get(0) instanceof Map ? member(in.get(1), in.get(0)) : 1;
            case "_==_":
            case "_!=_":
                return equality(in.get(0), in.get(1));
            case "_<_":
            case "_<=_":
            case "_>_":
            case "_>=_":
                return order(in.get(0), in.get(1));
            case "_?_:_":
            case "_&&_":
            case "_||_":
            case "!_":
            case "@not_strictly_false":
                return 1;
            default: // conversions and the like read their inputs once
                return 1 + in.stream().mapToLong(MeasuredWork::size).sum();
        }
    }

    /** Character comparisons of a naive search, as String.indexOf does them at worst. */
    static long naiveSearch(String text, String needle) {
        long compared = 1;
        for (int i = 0; i + needle.length() <= text.length(); i++) {
            int j = 0;
            while (j < needle.length() && text.charAt(i + j) == needle.charAt(j)) {
                j++;
            }
            compared += Math.min(j + 1, needle.length());
            if (j == needle.length()) {
                break;
            }
        }
        return compared;
    }

    private static long prefix(String text, String part, boolean atEnd) {
        if (part.length() > text.length()) {
            return 1;
        }
        int offset = atEnd ? text.length() - part.length() : 0;
        int j = 0;
        while (j < part.length() && text.charAt(offset + j) == part.charAt(j)) {
            j++;
        }
        return j + 1;
    }

    private static long regex(CelExpr e, String text) {
        CelExpr pattern =
                e.call().target().isPresent() ? e.call().args().get(0) : e.call().args().get(1);
        try {
            int program =
                    RegexGate.shared().compile(pattern.constant().stringValue()).programSize();
            return (long) program * Math.min(text.length(), RegexGate.MAX_INPUT_CHARS);
        } catch (RegexRejectedException ex) {
            throw new AssertionError(ex);
        }
    }

    /** Hashes the key, then compares it with each key (or element) that could be it. */
    private static long member(Object x, Object collection) {
        if (collection instanceof Map) {
            long work = size(x) + 1;
            for (Object key : ((Map<?, ?>) collection).keySet()) {
                if (key.hashCode() == x.hashCode()) {
                    work += equality(x, key);
                }
            }
            return work;
        }
        long work = 1;
        for (Object element : (List<?>) collection) {
            work += equality(x, element);
            if (element.equals(x)) {
                break;
            }
        }
        return work;
    }

    private static long lookup(String key, Map<?, ?> map) {
        return member(key, map);
    }

    static long equality(Object a, Object b) {
        if (a instanceof String && b instanceof String) {
            String s = (String) a;
            String t = (String) b;
            return s.length() != t.length() ? 1 : order(s, t);
        }
        if (a instanceof List && b instanceof List) {
            List<?> l = (List<?>) a;
            List<?> m = (List<?>) b;
            long work = 1;
            for (int i = 0; l.size() == m.size() && i < l.size(); i++) {
                work += equality(l.get(i), m.get(i));
            }
            return work;
        }
        return 1 + (a instanceof Map ? size(a) : 0);
    }

    private static long order(Object a, Object b) {
        if (!(a instanceof String) || !(b instanceof String)) {
            return 1;
        }
        String s = (String) a;
        String t = (String) b;
        int j = 0;
        while (j < s.length() && j < t.length() && s.charAt(j) == t.charAt(j)) {
            j++;
        }
        return j + 1;
    }

    private static long length(Object v) {
        return v instanceof List ? ((List<?>) v).size() : size(v);
    }

    /** Characters, bytes, or elements with their contents. */
    static long size(Object v) {
        if (v instanceof String) {
            return ((String) v).length();
        }
        if (v instanceof CelByteString) {
            return ((CelByteString) v).size();
        }
        if (v instanceof ByteString) {
            return ((ByteString) v).size();
        }
        if (v instanceof List) {
            return ((List<?>) v).stream().mapToLong(x -> 1 + size(x)).sum();
        }
        if (v instanceof Map) {
            return ((Map<?, ?>) v)
                    .entrySet().stream()
                            .mapToLong(x -> 1 + size(x.getKey()) + size(x.getValue()))
                            .sum();
        }
        return 1;
    }
}
