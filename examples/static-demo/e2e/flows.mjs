// Steps a case manager takes in the demo, as reusable end-to-end actions (Playwright locators pierce
// the elements' open shadow roots, so tests act through labels and roles like a person would).

/** Answers one radio group (yes/no or a choice question) by its question text and the option's label. */
export async function answer(scope, question, option) {
  await scope.getByRole('radiogroup', { name: question }).getByRole('radio', { name: option, exact: true }).check();
}

/** A new intake through the intake form: a client who is homeless tonight (a conditional question). */
export async function completeIntake(page, { given, family }) {
  await page.getByRole('button', { name: 'New intake' }).click();
  const form = page.locator('ck-intake-form');
  await form.getByLabel('First name').fill(given);
  await form.getByLabel('Last name').fill(family);
  await form.getByLabel('What language do you prefer to speak?').selectOption('es');
  await answer(form, /Would you like an interpreter/, 'Yes');
  await answer(form, /Does anyone else live with you/, 'No');
  await answer(form, /where you live now/, 'I do not have a place to live');
  await form.getByRole('radiogroup', { name: /Where are you staying tonight/ }).waitFor();
  await answer(form, /Where are you staying tonight/, 'A shelter');
  await answer(form, /run out of food/, 'Often');
  await answer(form, /miss a medical visit/, 'No');
  await answer(form, /electricity, gas, water/, 'No');
  await answer(form, /feel safe where you live/, 'Yes');
  await answer(form, /hurting you, threatening you/, 'No');
  await answer(form, /cover rent/, 'Very hard');
  await form.getByLabel(/^Program/).selectOption('social-work');
  await form.getByRole('button', { name: 'Save intake' }).click();
}

/** Creates the case's care plan, adds the first suggested goal and a task under it. */
export async function planGoalAndTask(page, task) {
  const editor = page.locator('ck-care-plan-editor');
  await editor.getByRole('button', { name: 'Create care plan' }).click();
  await editor.getByRole('button', { name: /^Add goal: / }).first().click();
  // A goal's task form is collapsed behind "Add task for: <goal>" until asked for.
  await editor.getByRole('button', { name: /^Add task for: / }).first().click();
  await editor.getByLabel('What needs to happen').first().fill(task);
  await editor.getByRole('button', { name: 'Add task', exact: true }).first().click();
  await editor.getByText(task, { exact: true }).waitFor();
}

/**
 * Refers from the first goal to a directory service (`service`: its name, else the first), sending at
 * once with a consent override: Send now shows what would be shared (nothing, without a consent), the
 * override is previewed, then sent. Returns the preview's text as the case manager saw it.
 */
export async function referFromGoal(page, service) {
  const editor = page.locator('ck-care-plan-editor');
  await editor.getByRole('button', { name: /^Refer for goal: |^Refer$/ }).first().click();
  const dialog = editor.getByRole('dialog');
  await (service ? dialog.getByRole('radio', { name: service }) : dialog.getByRole('radio').first()).check();
  await dialog.getByRole('button', { name: 'Send now' }).click();
  await dialog.getByLabel('Reason for sending without consent').fill('Client agreed by phone; signed form to follow');
  await dialog.getByRole('button', { name: 'Preview with override' }).click();
  const send = dialog.getByRole('button', { name: 'Send', exact: true });
  await send.waitFor();
  const preview = (await dialog.textContent()) ?? '';
  await send.click();
  await dialog.waitFor({ state: 'hidden' });
  return preview;
}

/** In the referral tracker: records the provider's acceptance, start, and completion with an outcome. */
export async function closeTheLoop(page) {
  const tracker = page.locator('ck-referral-tracker');
  const record = async (status, fill) => {
    await tracker.getByRole('button', { name: 'Record provider’s answer' }).first().click();
    const dialog = tracker.getByRole('dialog');
    await dialog.locator('select[name="to"]').selectOption(status);
    if (fill) await fill(dialog);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });
  };
  await record('accepted');
  await record('in-progress');
  await record('completed', async (dialog) => {
    await dialog.locator('select[name="outcome"]').selectOption('service-provided');
    await dialog.getByLabel(/What happened/).fill('Client moved into a shelter bed.');
  });
}
