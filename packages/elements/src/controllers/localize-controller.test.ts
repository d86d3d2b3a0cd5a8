import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { LitElement } from 'lit';
import { ConflictError, PermissionError, TransitionError, ValidationError } from '@casekit/core';
import { LocalizeController } from './localize-controller.js';
import { getTranslation, loadTranslation, registerTranslation, registerTranslationLoader } from '../translations/registry.js';

class LocalizedProbe extends LitElement {
  readonly localize = new LocalizeController(this);
  override render() {
    const l = this.localize;
    return html`<span id="s">${l.t.status['on-hold']}</span><span id="d">${l.date('2026-11-24')}</span><span id="n">${l.number(12345.5)}</span>`;
  }
}
customElements.define('ck-test-localized', LocalizedProbe);

const text = (el: LocalizedProbe, id: string) => el.shadowRoot!.getElementById(id)!.textContent;

describe('LocalizeController', () => {
  it('uses the nearest lang, crossing shadow roots, and formats with Intl', async () => {
    class Outer extends LitElement {
      override render() {
        return html`<ck-test-localized></ck-test-localized>`;
      }
    }
    customElements.define('ck-test-outer', Outer);
    const wrapper = await fixture<HTMLElement>(html`<div lang="es"><ck-test-outer></ck-test-outer></div>`);
    const el = wrapper.querySelector('ck-test-outer')!.shadowRoot!.querySelector<LocalizedProbe>('ck-test-localized')!;
    // Spanish loads on first use; a plain LitElement re-renders when it arrives.
    await waitUntil(() => text(el, 's') === 'En pausa');
    expect(text(el, 'd')).to.equal('24 nov 2026');
    expect(text(el, 'n')).to.equal('12.345,5');
    wrapper.lang = 'en-US';
    await waitUntil(() => text(el, 's') === 'On hold');
    expect(text(el, 'd')).to.equal('Nov 24, 2026');
    expect(text(el, 'n')).to.equal('12,345.5');
  });

  it('prefers the element’s own lang, falls back to English for unknown languages, and takes dir from the page or the language', async () => {
    const wrapper = await fixture<HTMLElement>(html`<div lang="es" dir="rtl"><ck-test-localized lang="fr"></ck-test-localized></div>`);
    const el = wrapper.querySelector<LocalizedProbe>('ck-test-localized')!;
    expect(text(el, 's')).to.equal('On hold');
    expect(el.localize.dir).to.equal('rtl');
    expect(el.localize.lang).to.equal('fr');
  });

  it('re-renders when a language is registered at run time; missing messages fall back to English', async () => {
    const el = await fixture<LocalizedProbe>(html`<ck-test-localized lang="ar"></ck-test-localized>`);
    expect(text(el, 's')).to.equal('On hold');
    registerTranslation({ $code: 'ar', $name: 'العربية', $dir: 'rtl', status: { 'on-hold': 'معلق' } });
    await waitUntil(() => text(el, 's') === 'معلق');
    expect(el.localize.dir).to.equal('rtl');
    expect(el.localize.t.status.active).to.equal('Active');
  });

  it('loads a language on first use, applies a regional table over it, and keeps English when a load fails', async () => {
    let calls = 0;
    registerTranslationLoader('pt', async () => {
      calls += 1;
      return { $code: 'pt', status: { 'on-hold': 'Em espera' } };
    });
    registerTranslation({ $code: 'pt-BR', status: { active: 'Ativo' } });
    const el = await fixture<LocalizedProbe>(html`<ck-test-localized lang="pt-BR"></ck-test-localized>`);
    await waitUntil(() => text(el, 's') === 'Em espera');
    expect(el.localize.t.status.active).to.equal('Ativo');
    expect(calls).to.equal(1);

    registerTranslationLoader('fi', () => Promise.reject(new Error('offline')));
    const failing = await fixture<LocalizedProbe>(html`<ck-test-localized lang="fi"></ck-test-localized>`);
    await loadTranslation('fi').catch(() => undefined);
    expect(text(failing, 's')).to.equal('On hold');
    expect(getTranslation('fi').$code).to.equal('en');
  });

  it('describes core errors in a case manager’s words', async () => {
    const el = await fixture<LocalizedProbe>(html`<ck-test-localized lang="en"></ck-test-localized>`);
    const validation = el.localize.error(
      new ValidationError([
        { path: ['name', 'family'], message: 'x', code: 'too_small' },
        { path: ['contact', 'email'], message: 'x', code: 'invalid_format' },
      ]),
    );
    expect(validation.code).to.equal('validation');
    expect(validation.fields.get('name.family')).to.equal('Last name is too short.');
    expect(validation.fields.get('contact.email')).to.equal('Email is not in the expected format.');
    expect(validation.message).to.equal('Please fix 2 problems.');
    const conflict = el.localize.error(new ConflictError('plans', 'p1', 2, 3));
    expect(conflict.conflict).to.equal(true);
    expect(conflict.message).to.contain('Reload to see their changes, or keep editing');
    expect(el.localize.error(new PermissionError('u', 'viewer', 'update', 'plans')).message).to.contain("You don't have permission to change this care plan");
    expect(el.localize.error(new TransitionError('case', 'active', 'referred', ['on-hold', 'closed'])).message).to.equal(
      "A case can't move from Active to Referred. From Active it can move to On hold or Closed.",
    );
    expect(el.localize.error(new Error('boom')).message).to.equal('Something went wrong. Try again.');
  });
});
