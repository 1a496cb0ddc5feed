// Turns a scenario's event template into an event: fills `{{…}}` placeholders (docs/scenarios.md)
// with the actors the generator picked, dates relative to the scenario start, seeded numbers and
// synthetic content.
import type { EngineEvent, EventValue, FieldValue } from '../types.ts';
import { parseTemplate, type TemplatePart } from '../scenario/template.ts';
import { parseDuration } from '../scenario/offset.ts';
import type { Random } from './random.ts';
import { contentFor } from './content.ts';
import { ORG_DOMAIN, isoDate, type OrgUser } from './organisation.ts';

export interface FillContext {
  rng: Random;
  actors: Record<string, OrgUser>;
  /** The event's acting user (`{{user}}`). */
  user: OrgUser;
  scenarioStart: number;
  /** 1-based index of a repeated event. */
  n: number;
}

const parsedTemplates = new Map<string, TemplatePart[]>();
function partsOf(text: string): TemplatePart[] {
  let parts = parsedTemplates.get(text);
  if (!parts) {
    parts = parseTemplate(text);
    parsedTemplates.set(text, parts);
  }
  return parts;
}

function userAttribute(user: OrgUser, attribute: string | undefined): string {
  switch (attribute) {
    case undefined:
      return user.name;
    case 'email':
      return user.email;
    case 'personal_email':
      return user.personal_email;
    case 'host':
      return user.host;
    case 'ip':
      return user.ip;
    case 'full_name':
      return user.full_name;
    case 'manager':
      return user.manager ?? '';
    case 'department':
      return user.department;
    case 'role':
      return user.role;
    default:
      return '';
  }
}

function fillPlaceholder(name: string, argument: string | undefined, ctx: FillContext): string {
  const segments = name.split('.');
  if (segments[0] === 'actor') {
    const actor = ctx.actors[segments[1] ?? ''];
    return actor ? userAttribute(actor, segments[2]) : '';
  }
  if (segments[0] === 'user') return userAttribute(ctx.user, segments[1]);
  switch (name) {
    case 'org.domain':
      return ORG_DOMAIN;
    case 'n':
      return String(ctx.n);
    case 'date':
      return isoDate(ctx.scenarioStart + (parseDuration(argument ?? 'P0D') ?? 0));
    case 'timestamp':
      return new Date(ctx.scenarioStart + (parseDuration(argument ?? 'P0D') ?? 0))
        .toISOString()
        .replace('.000Z', 'Z');
    case 'rand': {
      const [low, high] = (argument ?? '0-0').split('-').map(Number);
      return String(ctx.rng.int(low ?? 0, high ?? 0));
    }
    case 'cycle': {
      const values = (argument ?? '').split('|');
      return values[(ctx.n - 1) % values.length] ?? '';
    }
    default:
      return contentFor(name, ctx.rng, argument === undefined ? undefined : Number(argument));
  }
}

function fillString(text: string, ctx: FillContext): FieldValue {
  const parts = partsOf(text);
  if (parts.length === 1 && typeof parts[0] !== 'string') {
    const value = fillPlaceholder(parts[0]!.name, parts[0]!.argument, ctx);
    // A lone numeric placeholder keeps the type a rule compares with (`file.size|gt`).
    if ((parts[0]!.name === 'rand' || parts[0]!.name === 'cycle') && /^-?\d+(\.\d+)?$/.test(value))
      return Number(value);
    return value;
  }
  let out = '';
  for (const part of parts)
    out += typeof part === 'string' ? part : fillPlaceholder(part.name, part.argument, ctx);
  return out;
}

export function fillValue(value: unknown, ctx: FillContext): unknown {
  if (typeof value === 'string') return fillString(value, ctx);
  if (Array.isArray(value)) return value.map((item) => fillValue(item, ctx));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fillValue(item, ctx)]));
  return value;
}

export function fillFields(fields: Record<string, EventValue>, ctx: FillContext): EngineEvent {
  const event: EngineEvent = {};
  for (const [field, value] of Object.entries(fields)) event[field] = fillValue(value, ctx) as EventValue;
  return event;
}
