// Validates every resource of a synthesized cloud assembly against the CloudFormation resource
// schemas, offline. Usage: node schema.mjs <path-to-cdk.out>
//
// `cdk synth` and cdk-nag accept any property names: a listener action written in JS casing
// ({"type":"redirect"} instead of {"Type":"redirect"}) inside an Fn::If passed both and only
// CloudFormation itself would have rejected it. This checks names, nesting and required
// properties against @aws-cdk/aws-service-spec, the database aws-cdk-lib generates its L1
// classes from (CloudFormation registry schemas plus the legacy resource specification).
import { readFileSync } from 'node:fs';
import { readStacks } from './assembly.mjs';
import { loadAwsServiceSpecSync } from '@aws-cdk/aws-service-spec';

// Keys a resource may carry besides its Properties.
const RESOURCE_KEYS = new Set(['Type', 'Properties', 'DependsOn', 'Condition', 'Metadata',
  'DeletionPolicy', 'UpdateReplacePolicy', 'UpdatePolicy', 'CreationPolicy']);
// The spec's built-in 'tag' type: CloudFormation's { Key, Value }.
const TAG = { Key: { type: { type: 'string' }, required: true }, Value: { type: { type: 'string' } } };

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const isNoValue = (v) => isObject(v) && Object.keys(v).length === 1 && v.Ref === 'AWS::NoValue';
// A single-key { Ref } or { Fn::* } object; its value is only known at deploy time.
const intrinsic = (v) => {
  if (!isObject(v)) return undefined;
  const keys = Object.keys(v);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::')) ? keys[0] : undefined;
};
const shaped = (v, type) => (isObject(v) ? ['ref', 'tag', 'map', 'json'].includes(type.type)
  : Array.isArray(v) ? type.type === 'array' : !['ref', 'tag', 'map', 'array'].includes(type.type));
const kind = (v) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
const key = (path, k) => (/^[A-Za-z0-9_]+$/.test(k) ? `${path}.${k}` : `${path}[${JSON.stringify(k)}]`);

function distance(a, b) {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

function suggestion(name, candidates) {
  const lower = name.toLowerCase();
  const best = candidates.find((c) => c.toLowerCase() === lower)
    ?? candidates.map((c) => [c, distance(lower, c.toLowerCase())])
      .filter(([, d]) => d <= 2).sort((x, y) => x[1] - y[1])[0]?.[0];
  return best ? ` (did you mean '${best}'?)` : '';
}

class Checker {
  constructor(db) {
    this.db = db;
    this.types = new Map(db.all('resource').map((r) => [r.cloudFormationType, r]));
  }

  // Findings ({ path, message }) of one value against one spec type.
  value(v, type, path) {
    const fn = intrinsic(v);
    if (fn === 'Fn::If') return this.branches(v, path, (b, p) => this.value(b, type, p));
    if (fn) return []; // Ref, GetAtt, Join, Sub, Select, ImportValue, FindInMap, ...: not known offline
    switch (type.type) {
      case 'json': case 'null': return [];
      case 'union': {
        // Whichever member fits best; a member that fits fully means no finding. On a tie the
        // member of the value's own shape explains it better (unknown property, not "expected string").
        const tries = [...type.types].sort((a, b) => shaped(v, b) - shaped(v, a)).map((t) => this.value(v, t, path));
        return tries.reduce((a, b) => (b.length < a.length ? b : a));
      }
      case 'string': case 'date-time': case 'number': case 'integer': case 'boolean':
        // Loose on purpose: CloudFormation coerces "80" and "true"; only structure is wrong for sure.
        return isObject(v) || Array.isArray(v) ? [{ path, message: `expected ${type.type}, got ${kind(v)}` }] : [];
      case 'array':
        if (!Array.isArray(v)) return [{ path, message: `expected array, got ${kind(v)}` }];
        return v.flatMap((e, i) => (isNoValue(e) ? [] : this.value(e, type.element, `${path}[${i}]`)));
      case 'map':
        if (!isObject(v)) return [{ path, message: `expected map (object), got ${kind(v)}` }];
        return Object.entries(v).flatMap(([k, e]) => (isNoValue(e) ? [] : this.value(e, type.element, key(path, k))));
      case 'tag': return this.struct(v, TAG, path, 'Tag');
      case 'ref': {
        const def = this.db.get('typeDefinition', type.reference.$ref);
        return this.struct(v, def.properties, path, def.name);
      }
      default: return [];
    }
  }

  // Fn::If: [condition, whenTrue, whenFalse]; each branch stands for the value itself.
  branches(v, path, check) {
    const args = v['Fn::If'];
    if (!Array.isArray(args) || args.length !== 3) return [{ path, message: 'Fn::If needs [condition, true-value, false-value]' }];
    return [1, 2].flatMap((i) => (isNoValue(args[i]) ? [] : check(args[i], `${path}.Fn::If[${i}]`)));
  }

  // An object of named properties: a resource's Properties, a property type or a tag.
  struct(v, props, path, typeName, { open = false } = {}) {
    if (!isObject(v)) return [{ path, message: `expected ${typeName} (object), got ${kind(v)}` }];
    const names = Object.keys(props);
    const findings = [];
    for (const [k, e] of Object.entries(v)) {
      if (Object.hasOwn(props, k)) findings.push(...this.value(e, props[k].type, key(path, k)));
      else if (!open) findings.push({ path: key(path, k), message: `unknown property '${k}' of ${typeName}${suggestion(k, names)}` });
    }
    for (const name of names.filter((n) => props[n].required)) {
      if (!Object.hasOwn(v, name) || isNoValue(v[name])) {
        findings.push({ path, message: `missing required property '${name}' of ${typeName}` });
      } else if (mayBeAbsent(v[name])) {
        findings.push({ path: key(path, name), message: `required property '${name}' of ${typeName} is AWS::NoValue in an Fn::If branch` });
      }
    }
    return findings;
  }

  resource(id, res) {
    if (!isObject(res)) return [{ type: '-', path: id, message: `resource is ${kind(res)}, not an object` }];
    const type = typeof res.Type === 'string' ? res.Type : '-';
    const out = Object.keys(res).filter((k) => !RESOURCE_KEYS.has(k))
      .map((k) => ({ path: k, message: `unknown resource attribute '${k}'${suggestion(k, [...RESOURCE_KEYS])}` }));
    if (type === '-') return [...out, { path: 'Type', message: 'missing resource Type' }].map((f) => ({ type, ...f }));
    if (type.startsWith('Custom::') || type === 'AWS::CDK::Metadata') return out.map((f) => ({ type, ...f }));
    const spec = this.types.get(type);
    if (!spec) {
      return [...out, { path: 'Type', message: `unknown resource type${suggestion(type, [...this.types.keys()])}` }]
        .map((f) => ({ type, ...f }));
    }
    // AWS::CloudFormation::CustomResource passes any further property to its provider.
    const open = type === 'AWS::CloudFormation::CustomResource';
    const props = res.Properties ?? {};
    const check = (p, path) => this.struct(p, spec.properties, path, type, { open });
    out.push(...(intrinsic(props) === 'Fn::If' ? this.branches(props, 'Properties', check)
      : intrinsic(props) ? [] : check(props, 'Properties')));
    return out.map((f) => ({ type, ...f }));
  }
}

// A value that some Fn::If branch (at any depth of Fn::If) turns into AWS::NoValue.
function mayBeAbsent(v) {
  if (isNoValue(v)) return true;
  const args = intrinsic(v) === 'Fn::If' ? v['Fn::If'] : undefined;
  return Array.isArray(args) && args.length === 3 && (mayBeAbsent(args[1]) || mayBeAbsent(args[2]));
}

// process.exitCode rather than process.exit() so piped output is never cut short.
function main(dir) {
  if (!dir) {
    console.error('usage: node schema.mjs <path-to-cdk.out>');
    return 1;
  }
  let templates;
  try {
    const stacks = readStacks(dir);
    templates = stacks.map((s) => {
      const template = JSON.parse(readFileSync(s.file, 'utf8'));
      if (!isObject(template) || !isObject(template.Resources)) throw new Error(`${s.file}: no Resources object`);
      return { ...s, template };
    });
  } catch (err) {
    console.error(`cloudformation schema: cannot read cloud assembly: ${err.message}`);
    return 1;
  }

  const checker = new Checker(loadAwsServiceSpecSync());
  let findings = 0;
  let resources = 0;
  const types = new Set();
  for (const { name, template } of templates) {
    for (const [id, res] of Object.entries(template.Resources)) {
      if (id.startsWith('Fn::ForEach::')) continue; // AWS::LanguageExtensions loop, expanded by CloudFormation
      resources++;
      if (typeof res?.Type === 'string') types.add(res.Type);
      for (const f of checker.resource(id, res)) {
        console.log(`${name}  ${id}  ${f.type}  ${f.path}  ${f.message}`);
        findings++;
      }
    }
  }
  console.log(`cloudformation schema: ${findings} findings in ${resources} resources (${types.size} types)`);
  return findings > 0 ? 1 : 0;
}

process.exitCode = main(process.argv[2]);
