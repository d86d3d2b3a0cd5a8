import { expect } from '@open-wc/testing';
import { SerialRunner } from './serial-runner.js';

/** A task whose runs finish only when the test says so, counting how many started. */
function gatedTask() {
  const gates: (() => void)[] = [];
  let started = 0;
  const task = () => {
    started++;
    return new Promise<void>((resolve) => gates.push(resolve));
  };
  const openNext = async () => {
    await new Promise((resolve) => setTimeout(resolve));
    gates.shift()?.();
  };
  return { task, openNext, started: () => started };
}

describe('SerialRunner', () => {
  it('collapses calls made during a run into one further run, never two at once', async () => {
    const gated = gatedTask();
    const runner = new SerialRunner(gated.task);
    const first = runner.run();
    void runner.run();
    void runner.run();
    expect(gated.started()).to.equal(1);
    expect(runner.busy).to.equal(true);
    await gated.openNext();
    await gated.openNext();
    await first;
    expect(gated.started()).to.equal(2);
    expect(runner.busy).to.equal(false);
  });

  it('idle() resolves at once when nothing runs', async () => {
    const runner = new SerialRunner(async () => undefined);
    let resolved = false;
    void runner.idle().then(() => (resolved = true));
    await Promise.resolve();
    expect(resolved).to.equal(true);
  });

  it('idle() waits for the run in progress and the one it picked up', async () => {
    const gated = gatedTask();
    const runner = new SerialRunner(gated.task);
    void runner.run();
    let idle = false;
    void runner.idle().then(() => (idle = true));
    void runner.run(); // queued during the first run
    await gated.openNext();
    expect(idle, 'still the queued run to go').to.equal(false);
    expect(gated.started()).to.equal(2);
    await gated.openNext();
    await runner.idle();
    expect(idle).to.equal(true);
    expect(runner.busy).to.equal(false);
  });

  it('idle() resolves, not rejects, when a run fails; run() reports the failure', async () => {
    const runner = new SerialRunner(async () => {
      throw new Error('storage went away');
    });
    const run = runner.run();
    const idle = runner.idle();
    await idle;
    let failure: unknown;
    await run.catch((error: unknown) => (failure = error));
    expect((failure as Error).message).to.equal('storage went away');
    expect(runner.busy).to.equal(false);
  });
});
