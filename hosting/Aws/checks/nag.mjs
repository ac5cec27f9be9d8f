// Runs cdk-nag's AwsSolutions rules over the templates of a synthesized cloud assembly.
// Usage: node nag.mjs <path-to-cdk.out>
//
// cdk-nag 3 is a policy-validation plugin, not an aspect, and it only honours acknowledgements
// made with Validations.of(construct).acknowledge(). The C# side cannot reach this construct tree,
// so it writes the v2/audit-trail form into each resource's template Metadata:
//   "cdk_nag": { "rules_to_suppress": [ { "id": "AwsSolutions-EC23", "reason": "..." } ] }
// and this script turns exactly that (per resource, never per stack) into acknowledgements.
import { readStacks } from './assembly.mjs';
import { App, CfnResource, Stack, Validations } from 'aws-cdk-lib';
import { CfnInclude } from 'aws-cdk-lib/cloudformation-include';
import { AwsSolutionsChecks } from 'cdk-nag';

// One entry per (rule, resource); rule-evaluation errors arrive here as violations too.
function findings(pack, stack) {
  return pack.validateScope(stack).violations.flatMap((v) =>
    v.violatingResources.map((r) => ({ rule: v.ruleName, path: r.constructPath, message: v.description })));
}

// v2 wrote granular findings as { id, appliesTo: [...] }; v3 names them "id[finding]".
// Regex appliesTo has no v3 equivalent and is ignored, so such findings stay visible.
function acknowledgements(resource) {
  const rules = resource.cfnOptions.metadata?.cdk_nag?.rules_to_suppress ?? [];
  return rules.flatMap(({ id, reason, appliesTo }) =>
    appliesTo ? appliesTo.filter((a) => typeof a === 'string').map((a) => ({ id: `${id}[${a}]`, reason }))
    : [{ id, reason }]);
}

function check({ name, file }) {
  const stack = new Stack(new App(), name.replace(/[^A-Za-z0-9-]/g, '-'));
  const template = new CfnInclude(stack, 'Template', { templateFile: file });
  const pack = new AwsSolutionsChecks(undefined, { verbose: true });

  // Evaluate twice, before and after acknowledging, so cdk-nag itself decides what an
  // acknowledgement covers and we can still count what was acknowledged.
  const all = findings(pack, stack);
  const reasons = new Map();
  for (const resource of template.node.findAll().filter(CfnResource.isCfnResource)) {
    for (const ack of acknowledgements(resource)) {
      Validations.of(resource).acknowledge(ack);
      reasons.set(`${ack.id} ${resource.node.path}`, ack.reason);
    }
  }
  const open = findings(pack, stack);
  const isOpen = new Set(open.map((f) => `${f.rule} ${f.path}`));
  const display = (f) => ({ ...f, path: f.path.replace(`${stack.node.id}/Template/`, `${name}/`) });
  return {
    open: open.map(display),
    acknowledged: all.filter((f) => !isOpen.has(`${f.rule} ${f.path}`))
      .map((f) => ({ ...display(f), reason: reasons.get(`${f.rule} ${f.path}`) ?? '(acknowledged)' })),
  };
}

// process.exitCode rather than process.exit() so piped output is never cut short.
function main(dir) {
  if (!dir) {
    console.error('usage: node nag.mjs <path-to-cdk.out>');
    return 1;
  }
  let results;
  try {
    const stacks = readStacks(dir);
    results = stacks.map(check);
  } catch (err) {
    console.error(`cdk-nag: cannot read cloud assembly: ${err.message}`);
    return 1;
  }

  const open = results.flatMap((r) => r.open);
  const acknowledged = results.flatMap((r) => r.acknowledged);
  for (const f of open) console.log(`${f.rule}  ${f.path}  ${f.message}`);
  for (const line of [...new Set(acknowledged.map((f) => `${f.rule}: ${f.reason}`))].sort()) {
    console.log(`acknowledged ${line}`);
  }
  const rules = [...new Set(open.map((f) => f.rule))].sort();
  console.log(`cdk-nag: ${open.length} unacknowledged, ${acknowledged.length} acknowledged` +
    ` (rules: ${rules.length ? rules.join(', ') : 'none'})`);
  return open.length > 0 ? 1 : 0;
}

process.exitCode = main(process.argv[2]);
