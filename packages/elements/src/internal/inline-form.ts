/**
 * The two handlers every inline form of the elements needs (a decline, a snooze, an outcome): submit
 * without a page navigation, and Escape to cancel without the key reaching an enclosing dialog or list.
 */
export function onSubmit(submit: () => void): (e: Event) => void {
  return (e) => {
    e.preventDefault();
    submit();
  };
}

export function onEscape(cancel: () => void): (e: KeyboardEvent) => void {
  return (e) => {
    if (e.key !== 'Escape') return;
    e.stopPropagation();
    cancel();
  };
}
