import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  hasErrorCode,
  ValidationError,
  type ConsentOverrideInput,
  type CarePlan,
  type CaseManager,
  type CaseRecord,
  type Client,
  type Goal,
  type Referral,
  type ReferralUrgency,
  type ValidationIssue,
} from '@casekit/core';
import type { LocalizeController } from '../../controllers/localize-controller.js';
import type { LocalizedError } from '../../translations/error-messages.js';
import { consentRequiredError, loadSharePreview, overrideChanged, type SharePreviewModel, type SharePreviewView } from '../../internal/share-preview.js';
import { goalText } from './care-plan-language.js';
import type { DraftStore } from './draft-store.js';
import type { ReferState } from './refer-dialog.js';

/** What the referral flow reads from, and reports to, the editor. */
export interface ReferHost {
  readonly localize: LocalizeController;
  readonly drafts: DraftStore;
  manager(): CaseManager | undefined;
  plan(): CarePlan | undefined;
  goal(goalId: string | undefined): Goal | undefined;
  caseRecord(): CaseRecord | undefined;
  client(): Client | undefined;
  /** `YYYY-MM-DD`, for the client's age. */
  today(): string;
  noConsentOverride(): boolean;
  fieldLabel(path: string): string | undefined;
  announce(text: string): void;
  reportError(error: unknown, operation: string, fieldLabel?: (path: string) => string | undefined): LocalizedError;
  /** Moves focus to the first match of `selector` after the next render. */
  focus(selector: string): void;
  /** Where focus returns when the dialog closes. */
  rememberFocus(el: HTMLElement): void;
  restoreFocus(): void;
  /** A referral was saved (draft or sent); `overridden`: sent without consent on file. */
  created(referral: Referral, overridden: boolean, plan: CarePlan, goal: Goal): void;
}

/**
 * Referring a goal to a directory service: search (matched to the goal's need and the client's
 * language and age), choose a service, check consent, then save a draft or send. Send first shows
 * what the receiving organisation will get (`referrals.sharePreview` of the referral not created
 * yet); only its Send creates and sends the referral, its Back returns to the form with nothing
 * written. Core decides about consent: without one the preview says so and offers the override when
 * allowed, previewed before it is sent.
 */
export class ReferController implements ReactiveController {
  private current?: ReferState;
  private searchTimer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly editor: ReferHost,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    clearTimeout(this.searchTimer);
  }

  /** The open dialog's state; undefined while closed. */
  get state(): ReferState | undefined {
    return this.current;
  }

  set state(next: ReferState | undefined) {
    if (next === this.current) return;
    this.current = next;
    this.host.requestUpdate();
  }

  open(e: Event, goal: Goal): void {
    this.editor.rememberFocus(e.currentTarget as HTMLElement);
    this.state = { goalId: goal.id, results: [], searching: true, searched: false, override: this.editor.drafts.get(`refer:${goal.id}:override`) === 'true' };
    void this.search();
  }

  close(e?: Event): void {
    e?.preventDefault();
    // Escape in the preview step goes back to the form, like Back.
    if (this.state?.preview && e?.type === 'cancel') {
      this.back();
      return;
    }
    this.state = undefined;
    clearTimeout(this.searchTimer);
    this.editor.restoreFocus();
  }

  /** Debounced: searching on every keystroke would flood the directory. */
  readonly onSearchInput = (e: Event): void => {
    this.editor.drafts.onInput(e);
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => void this.search(), 250);
  };

  private async search(): Promise<void> {
    const manager = this.editor.manager();
    const r = this.state;
    const goal = this.editor.goal(r?.goalId);
    if (!manager || !r || !goal) return;
    const text = this.editor.drafts.get(`refer:${goal.id}:search`).trim();
    const language = this.editor.client()?.language;
    const age = this.clientAge();
    try {
      const results = await manager.directory.searchServices({
        need: goal.needDomain,
        ...(language ? { language } : {}),
        ...(text ? { text } : {}),
        ...(age !== undefined ? { clientAge: age } : {}),
        limit: 20,
      });
      if (this.state?.goalId !== goal.id) return;
      const serviceId = this.state.serviceId && results.some((x) => x.service.id === this.state!.serviceId) ? this.state.serviceId : undefined;
      this.state = { ...this.state, results, searching: false, searched: true, serviceId };
      this.editor.announce(this.editor.localize.t.carePlanEditor.servicesFound(results.length, this.editor.localize.number(results.length)));
    } catch (error) {
      if (this.state?.goalId !== goal.id) return;
      this.state = { ...this.state, searching: false, searched: true, error: this.editor.reportError(error, 'search-services') };
    }
  }

  /** The client's age on `today`, when the birth date is known (filters directory services by age). */
  private clientAge(): number | undefined {
    const birth = this.editor.client()?.birthDate;
    if (!birth) return undefined;
    const today = this.editor.today();
    let age = Number(today.slice(0, 4)) - Number(birth.slice(0, 4));
    if (today.slice(5) < birth.slice(5)) age--;
    return age >= 0 && age <= 150 ? age : undefined;
  }

  async chooseService(serviceId: string): Promise<void> {
    const r = this.state;
    if (!r) return;
    this.state = { ...r, serviceId, consent: 'unknown', error: undefined };
    const manager = this.editor.manager();
    const service = r.results.find((x) => x.service.id === serviceId)?.service;
    const clientId = this.editor.caseRecord()?.clientId;
    if (!manager || !service || !clientId) return;
    try {
      const consent = await manager.consents.activeShareConsent(clientId, { organizationId: service.organizationId, organizationName: service.organizationName });
      if (this.state?.serviceId === serviceId) this.state = { ...this.state, consent: consent ? 'on-file' : 'missing' };
    } catch {
      // Not allowed to read consents: core still checks when sending.
    }
  }

  /** The form: Save draft creates the draft; Send now opens the preview of what sending shares. */
  async submit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const r = this.state;
    const manager = this.editor.manager();
    const goal = this.editor.goal(r?.goalId);
    const plan = this.editor.plan();
    if (!r || !manager || !goal || !plan || r.busy) return;
    const { localize, drafts } = this.editor;
    const fieldLabel = (path: string) => this.editor.fieldLabel(path);
    const send = (e.submitter as HTMLButtonElement | null)?.value !== 'draft';
    const key = `refer:${goal.id}`;
    const reason = drafts.get(`${key}:reason`, goalText(goal, localize.t)).trim();
    const overrideReason = drafts.get(`${key}:override-reason`).trim();
    const override = send && r.override && !r.overrideRefused && !this.editor.noConsentOverride();
    const issues: ValidationIssue[] = [];
    if (!r.serviceId) issues.push({ path: ['service'], code: 'required', message: 'required' });
    if (!reason) issues.push({ path: ['reason'], code: 'required', message: 'required' });
    if (override && !overrideReason) issues.push({ path: ['consentOverride', 'reason'], code: 'required', message: 'required' });
    if (issues.length) {
      this.state = { ...r, error: localize.error(new ValidationError(issues), fieldLabel) };
      this.editor.focus('dialog[data-dialog="refer"] [aria-invalid="true"]');
      return;
    }
    if (!send) {
      await this.create(false);
      return;
    }
    this.state = { ...r, busy: true, error: undefined };
    try {
      const share = await this.previewOf(override ? { reason: overrideReason } : undefined);
      if (this.state?.goalId !== r.goalId) return;
      this.state = { ...this.state, busy: false, preview: { share } };
      this.editor.focus('[data-share-preview] h2');
      // As when sending was refused: a host may open its consent form on this `ck-error`.
      if (share.preview.basis === 'override-needed') this.editor.reportError(consentRequiredError(share), 'create-referral', fieldLabel);
    } catch (error) {
      if (this.state?.goalId !== r.goalId) return;
      this.state = { ...this.state, busy: false, error: this.editor.reportError(error, 'share-preview', fieldLabel) };
    }
  }

  /** The preview step's view (buttons wired to this controller); undefined outside it. */
  previewView(): SharePreviewView | undefined {
    const r = this.state;
    const p = r?.preview;
    if (!r || !p) return undefined;
    return {
      model: p.share,
      headingId: 'refer-title',
      headingLevel: 2,
      notice: p.notice,
      error: p.error,
      missingHint: this.editor.localize.t.sharePreview.draftInstead,
      overrideError: p.overrideError,
      offersOverride: !this.editor.noConsentOverride() && !r.overrideRefused,
      busy: !!p.busy,
      onBack: () => this.back(),
      onSend: (typed) => void this.confirmSend(typed),
      onPreviewOverride: (typed) => void this.previewOverride(typed),
      onCheckAgain: () => void this.repreview(undefined),
    };
  }

  /** Back: the form again, as it was; nothing was written. */
  back(): void {
    if (!this.state?.preview) return;
    this.state = { ...this.state, preview: undefined };
    this.editor.focus('dialog[data-dialog="refer"] button[value="send"]');
  }

  /** What `create({ ..., send: true })` would share now (audited as a read of the client). */
  private previewOf(override: ConsentOverrideInput | undefined): Promise<SharePreviewModel> {
    const manager = this.editor.manager();
    const caseRecord = this.editor.caseRecord();
    const service = this.state?.results.find((x) => x.service.id === this.state?.serviceId)?.service;
    if (!manager || !caseRecord || !service) return Promise.reject(new Error('no manager'));
    const names = { clientName: caseRecord.clientName, serviceName: service.name, organizationName: service.organizationName };
    return loadSharePreview(manager, { caseId: caseRecord.id, service: { serviceId: service.id } }, names, override);
  }

  private async repreview(override: ConsentOverrideInput | undefined, notice?: string, focus = '[data-share-preview] h2'): Promise<void> {
    const r = this.state;
    if (!r?.preview) return;
    this.state = { ...r, preview: { ...r.preview, busy: true, error: undefined, overrideError: undefined } };
    try {
      const share = await this.previewOf(override);
      if (!this.state?.preview) return;
      this.state = { ...this.state, preview: { share, ...(notice ? { notice } : {}) } };
      this.editor.focus(focus);
    } catch (error) {
      if (!this.state?.preview) return;
      this.state = { ...this.state, preview: { ...this.state.preview, busy: false, error: this.editor.reportError(error, 'share-preview').message } };
    }
  }

  private async previewOverride(typed: ConsentOverrideInput, notice?: string): Promise<void> {
    const p = this.state?.preview;
    if (!p || !this.state) return;
    if (!typed.reason) {
      const described = this.editor.localize.error(new ValidationError([{ path: ['consentOverride', 'reason'], code: 'required', message: 'required' }]), (path) => this.editor.fieldLabel(path));
      this.state = { ...this.state, preview: { ...p, overrideError: described.fields.get('consentOverride.reason') } };
      this.editor.focus('[data-share-preview] [name="overrideReason"]');
      return;
    }
    await this.repreview(typed, notice, '[data-share-preview] [data-confirm-send]');
  }

  /** Send in the preview: creates and sends with the override previewed; a different one typed is previewed instead. */
  private async confirmSend(typed: ConsentOverrideInput | undefined): Promise<void> {
    const r = this.state;
    const p = r?.preview;
    if (!r || !p || p.busy) return;
    const sp = this.editor.localize.t.sharePreview;
    if (overrideChanged(p.share, typed)) {
      await this.previewOverride(typed!, sp.updated);
      return;
    }
    this.state = { ...r, preview: { ...p, busy: true, error: undefined, notice: undefined } };
    await this.create(true, p.share.preview.basis === 'override' ? p.share.override : undefined);
  }

  /** Creates the referral (a draft, or sent); refusals land in the form or, when sending, in the preview. */
  private async create(send: boolean, override?: ConsentOverrideInput): Promise<void> {
    const r = this.state;
    const manager = this.editor.manager();
    const goal = this.editor.goal(r?.goalId);
    const plan = this.editor.plan();
    if (!r || !manager || !goal || !plan) return;
    const { localize, drafts } = this.editor;
    const t = localize.t.carePlanEditor;
    const fieldLabel = (path: string) => this.editor.fieldLabel(path);
    const key = `refer:${goal.id}`;
    const reason = drafts.get(`${key}:reason`, goalText(goal, localize.t)).trim();
    const urgency = drafts.get(`${key}:urgency`, 'routine') as ReferralUrgency;
    const service = r.results.find((x) => x.service.id === r.serviceId)!.service;
    this.state = { ...r, busy: true, error: undefined };
    try {
      const referral = await manager.referrals.create({
        caseId: plan.caseId,
        planId: plan.id,
        goalId: goal.id,
        reason,
        urgency,
        service: { serviceId: service.id },
        send,
        ...(override ? { consentOverride: override } : {}),
      });
      const overridden = !!referral.consent && 'override' in referral.consent;
      drafts.clear(['reason', 'urgency', 'override', 'override-reason', 'search'].map((k) => `${key}:${k}`));
      this.state = undefined;
      this.editor.created(referral, overridden, plan, goal);
      const name = referral.service.serviceName;
      this.editor.announce(referral.status === 'draft' ? t.referralDrafted(name) : overridden ? t.referralSentOverride(name) : t.referralSent(name));
    } catch (error) {
      const described = this.editor.reportError(error, 'create-referral', fieldLabel);
      const current = this.state;
      if (!current) return;
      const consentMissing = hasErrorCode(error, 'validation') && error.issues.some((i) => i.path[0] === 'consent');
      if (current.preview) {
        // Sending from the preview: the consent ended meanwhile, or the override was refused.
        const refused = hasErrorCode(error, 'permission') && !!override;
        this.state = { ...current, busy: false, ...(refused ? { override: false, overrideRefused: true } : {}) };
        if (consentMissing || refused) await this.repreview(undefined, consentMissing ? localize.t.sharePreview.consentEnded : `${described.message} ${t.overrideUnavailable}`);
        else this.state = { ...this.state!, preview: { ...current.preview, busy: false, error: described.message } };
      } else {
        this.state = { ...current, busy: false, error: described };
      }
    }
  }
}
