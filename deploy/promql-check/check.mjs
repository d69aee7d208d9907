// Fails (exit 1) when a PrometheusRule or Grafana dashboard expression does not parse as PromQL,
// or when a rule lacks what Alertmanager and the runbooks need (alert, expr, severity, runbook).
// Usage: node check.mjs RULE.yaml DASHBOARD.json
import { readFileSync } from 'node:fs';
import { parser } from '@prometheus-io/lezer-promql';
import { parse as parseYaml } from 'yaml';

function syntaxErrors(expr) {
  const errors = [];
  parser.parse(expr).iterate({
    enter(node) {
      if (node.type.isError) {
        errors.push(`at ${node.from}: '${expr.slice(node.from, node.to + 1)}'`);
      }
    },
  });
  return errors;
}

const problems = [];
function check(where, expr) {
  if (typeof expr !== 'string' || expr.trim() === '') {
    problems.push(`${where}: no expression`);
    return;
  }
  for (const e of syntaxErrors(expr)) {
    problems.push(`${where}: ${e} in ${expr}`);
  }
}

const [ruleFile, dashboardFile] = process.argv.slice(2);
const rule = parseYaml(readFileSync(ruleFile, 'utf8'));
if (rule.kind !== 'PrometheusRule' || !rule.spec || !Array.isArray(rule.spec.groups)) {
  problems.push(`${ruleFile}: not a PrometheusRule with spec.groups`);
} else {
  for (const group of rule.spec.groups) {
    for (const r of group.rules || []) {
      const where = `${ruleFile} ${group.name}/${r.alert || r.record}`;
      check(where, r.expr);
      if (r.alert && !(r.labels && r.labels.severity)) problems.push(`${where}: no severity label`);
      if (r.alert && !(r.annotations && r.annotations.runbook)) problems.push(`${where}: no runbook`);
    }
  }
}
const dashboard = JSON.parse(readFileSync(dashboardFile, 'utf8'));
for (const panel of dashboard.panels || []) {
  for (const target of panel.targets || []) {
    check(`${dashboardFile} panel '${panel.title}'`, target.expr);
  }
}
if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(`PromQL ok: ${ruleFile}, ${dashboardFile}`);
