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
