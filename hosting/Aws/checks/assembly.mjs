// Reading a synthesized cloud assembly (cdk.out), shared by the checks.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

// Stages nest their stacks in sub-assemblies; follow them so no template is skipped.
function stackTemplates(dir) {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  return Object.entries(manifest.artifacts ?? {}).flatMap(([id, a]) =>
    a.type === 'aws:cloudformation:stack' ? [{ name: a.displayName ?? id, file: join(dir, a.properties.templateFile) }]
    : a.type === 'cdk:cloud-assembly' ? stackTemplates(join(dir, a.properties.directoryName))
    : []);
}

// Every stack of the assembly as { name, file }; throws when there is none to check.
export function readStacks(dir) {
  if (!existsSync(join(dir, 'manifest.json'))) throw new Error(`no manifest.json in ${resolve(dir)}`);
  const stacks = stackTemplates(dir);
  // An assembly without stacks means the publish step went wrong, not that all is well.
  if (stacks.length === 0) throw new Error(`no CloudFormation stacks in ${resolve(dir)}`);
  return stacks;
}
