import { expect, fixture, html } from '@open-wc/testing';
import { CasekitElement } from './casekit-element.js';
import { dateFieldPattern, dateHintText } from './date-hint.js';
import '../define.js';

/** An element only to get at a LocalizeController in a given language. */
class DateHintProbe extends CasekitElement {
  get localizer() {
    return this.localize;
  }
}
customElements.define('ck-test-date-hint-probe', DateHintProbe);

const probe = async (lang: string) => (await fixture<DateHintProbe>(html`<ck-test-date-hint-probe lang=${lang}></ck-test-date-hint-probe>`)).localizer;

describe('date field hints', () => {
  it("spell the browser's day-month-year order with the element's letters", async () => {
    const en = await probe('en');
    const es = await probe('es');
    expect(dateFieldPattern(en, 'en-US')).to.equal('mm/dd/yyyy');
    expect(dateFieldPattern(es, 'es-ES')).to.equal('dd/mm/aaaa');
    // A Spanish page in an English browser: the field shows month first, and the hint says so.
    expect(dateFieldPattern(es, 'en-US')).to.equal('mm/dd/aaaa');
    expect(dateFieldPattern(es, 'de-DE')).to.equal('dd.mm.aaaa');
    expect(dateFieldPattern(en, 'not a locale!')).to.equal('mm/dd/yyyy');
  });

  it("add the date in words, in the element's language, once the field holds one", async () => {
    const es = await probe('es');
    expect(dateHintText(es, '', 'es-ES')).to.equal('Formato: dd/mm/aaaa');
    expect(dateHintText(es, '2026-03-09', 'es-ES')).to.equal('lunes, 9 de marzo de 2026 (formato dd/mm/aaaa)');
    expect(dateHintText(await probe('en'), '2026-03-09', 'en-US')).to.equal('Monday, March 9, 2026 (format mm/dd/yyyy)');
  });
});
