package io.securitycoach.jobs.wiring.control;

import io.securitycoach.records.ControlMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputViewStreamWrapper;
import org.apache.flink.core.memory.DataOutputViewStreamWrapper;

/**
 * The messages of one control snapshot, carried inside the source (control messages are POJOs, not
 * Java-serializable, so they travel as their Flink serializer's bytes), with a fingerprint of what
 * they say: type, org, rule, version and text, not where they were read from.
 */
final class SnapshotMessages implements Serializable {
    private static final long serialVersionUID = 1L;
    private final byte[] encoded;
    private final int size;
    private final String fingerprint;
    private final boolean onlyEndMarker;

    SnapshotMessages(List<ControlMessage> messages) {
        this.encoded = encode(messages);
        this.size = messages.size();
        this.fingerprint = fingerprint(messages);
        this.onlyEndMarker =
                messages.stream().allMatch(m -> ControlMessage.SNAPSHOT_END.equals(m.type));
    }

    int size() {
        return size;
    }

    String fingerprint() {
        return fingerprint;
    }

    /** True when the snapshot changes nothing: no rule, parser or setting, just its end. */
    boolean onlyEndMarker() {
        return onlyEndMarker;
    }

    List<ControlMessage> decode() {
        TypeSerializer<ControlMessage> serializer = serializer();
        List<ControlMessage> messages = new ArrayList<>(size);
        try {
            DataInputViewStreamWrapper in =
                    new DataInputViewStreamWrapper(new ByteArrayInputStream(encoded));
            for (int i = 0; i < size; i++) {
                messages.add(serializer.deserialize(in));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return messages;
    }

    private static byte[] encode(List<ControlMessage> messages) {
        TypeSerializer<ControlMessage> serializer = serializer();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            DataOutputViewStreamWrapper out = new DataOutputViewStreamWrapper(bytes);
            for (ControlMessage m : messages) {
                serializer.serialize(m, out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static TypeSerializer<ControlMessage> serializer() {
        return TypeInformation.of(ControlMessage.class)
                .createSerializer(new ExecutionConfig().getSerializerConfig());
    }

    private static String fingerprint(List<ControlMessage> messages) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (ControlMessage m : messages) {
            String line =
                    m.type + '\u0000' + m.orgId + '\u0000' + m.ruleId + '\u0000' + m.version
                            + '\u0000' + m.payload + '\n';
            digest.update(line.getBytes(StandardCharsets.UTF_8));
        }
        return String.format("%064x", new BigInteger(1, digest.digest()));
    }
}
