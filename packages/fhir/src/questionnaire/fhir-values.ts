import type { AnswerScalar, Option } from '@casekit/core';
import type { Attachment, Coding, Quantity, Reference } from '@medplum/fhirtypes';

/** A FHIR element holding one `value[x]` (QuestionnaireResponse answer, Questionnaire initial). */
export interface FhirValue {
  valueBoolean?: boolean;
  valueDecimal?: number;
  valueInteger?: number;
  valueDate?: string;
  valueDateTime?: string;
  valueTime?: string;
  valueString?: string;
  valueUri?: string;
  valueCoding?: Coding;
  valueQuantity?: Quantity;
  valueAttachment?: Attachment;
  valueReference?: Reference;
}

/**
 * A casekit answer from a FHIR value for an item of `type`: a Coding that is one of the options becomes
 * its code; other Codings stay Codings. Undefined for a value casekit does not keep for that type (then
 * the caller reports it). Attachment bytes (`data`) are never kept.
 */
export function answerFromFhirValue(value: FhirValue, type: string, options: readonly Option[]): AnswerScalar | undefined {
  if (value.valueCoding) {
    const c = value.valueCoding;
    const match = options.find((o) => o.code === c.code && (o.system === undefined || c.system === undefined || o.system === c.system));
    if (match) return match.code;
    if (type !== 'choice' && type !== 'multi-choice' && type !== 'open-choice') return undefined;
    const coding: { system?: string; code?: string; display?: string } = {};
    if (c.system) coding.system = c.system;
    if (c.code) coding.code = c.code;
    if (c.display) coding.display = c.display;
    return coding.code || coding.display ? coding : undefined;
  }
  if (value.valueString !== undefined) return value.valueString;
  if (value.valueUri !== undefined) return value.valueUri;
  if (value.valueBoolean !== undefined) return value.valueBoolean;
  if (value.valueInteger !== undefined) return type === 'choice' || type === 'multi-choice' || type === 'open-choice' ? String(value.valueInteger) : value.valueInteger;
  if (value.valueDecimal !== undefined) return value.valueDecimal;
  if (value.valueDate !== undefined) return value.valueDate;
  if (value.valueDateTime !== undefined) return value.valueDateTime;
  if (value.valueTime !== undefined) return value.valueTime;
  if (value.valueQuantity) {
    const q = value.valueQuantity;
    if (typeof q.value !== 'number') return undefined;
    if (type !== 'quantity') return type === 'decimal' || type === 'integer' ? q.value : undefined;
    const out: { value: number; unit?: string; system?: string; code?: string } = { value: q.value };
    if (q.unit) out.unit = q.unit;
    if (q.system) out.system = q.system;
    if (q.code) out.code = q.code;
    return out;
  }
  if (value.valueAttachment) {
    const a = value.valueAttachment;
    const out: Record<string, string | number> = {};
    for (const key of ['title', 'contentType', 'url', 'hash', 'creation', 'language'] as const) if (a[key]) out[key] = a[key]!;
    if (typeof a.size === 'number') out['size'] = a.size;
    return Object.keys(out).length ? out : undefined;
  }
  if (value.valueReference) {
    const r = value.valueReference;
    const out: Record<string, string> = {};
    if (r.reference) out['reference'] = r.reference;
    if (r.type) out['type'] = r.type;
    if (r.display) out['display'] = r.display;
    return out['reference'] || out['display'] ? out : undefined;
  }
  return undefined;
}

/** The FHIR value for one casekit answer of an item of `type` (options give a code its system and display). */
export function fhirValueFor(value: AnswerScalar, type: string, options: readonly Option[], lang = 'en'): FhirValue | undefined {
  switch (type) {
    case 'boolean':
      return typeof value === 'boolean' ? { valueBoolean: value } : undefined;
    case 'integer':
      return typeof value === 'number' ? { valueInteger: value } : undefined;
    case 'decimal':
      return typeof value === 'number' ? { valueDecimal: value } : undefined;
    case 'date':
      return typeof value === 'string' ? { valueDate: value } : undefined;
    case 'dateTime':
      return typeof value === 'string' ? { valueDateTime: value } : undefined;
    case 'time':
      return typeof value === 'string' ? { valueTime: value } : undefined;
    case 'string':
    case 'text':
      return typeof value === 'string' ? { valueString: value } : undefined;
    case 'url':
      return typeof value === 'string' ? { valueUri: value } : undefined;
    case 'choice':
    case 'multi-choice':
    case 'open-choice': {
      if (typeof value === 'string') {
        const option = options.find((o) => o.code === value);
        if (!option) return type === 'open-choice' ? { valueString: value } : { valueCoding: { code: value } };
        switch (option.valueType) {
          case 'string':
            return { valueString: option.code };
          case 'integer':
            return { valueInteger: Number(option.code) };
          case 'date':
            return { valueDate: option.code };
          case 'time':
            return { valueTime: option.code };
          default: {
            const coding: Coding = { code: option.code, display: textOf(option.display, lang) };
            if (option.system) coding.system = option.system;
            return { valueCoding: coding };
          }
        }
      }
      if (typeof value === 'object' && value !== null && ('code' in value || 'display' in value)) return { valueCoding: { ...(value as Coding) } };
      return undefined;
    }
    case 'quantity':
      return typeof value === 'object' && value !== null && 'value' in value ? { valueQuantity: { ...(value as Quantity) } } : undefined;
    case 'attachment':
      return typeof value === 'object' && value !== null ? { valueAttachment: { ...(value as Attachment) } } : undefined;
    case 'reference':
      return typeof value === 'object' && value !== null ? { valueReference: { ...(value as Reference) } } : undefined;
    default:
      return undefined;
  }
}

function textOf(text: string | Record<string, string>, lang: string): string {
  if (typeof text === 'string') return text;
  return text[lang] ?? text['en'] ?? Object.values(text)[0] ?? '';
}
