import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';

export interface MachineDescription {
  /** What `nproc` reports: the cores this process may run on. */
  cores: number;
  cpuModel: string;
  memory: string;
  node: string;
  platform: string;
}

export function describeMachine(): MachineDescription {
  return {
    cores: availableParallelism(),
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    memory: `${Math.round(totalmem() / 1024 ** 3)} GiB`,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
}

/** The 1-minute load average: anything far above 0 means other work shared the cores during the run. */
export function oneMinuteLoadAverage(): number {
  return loadavg()[0] ?? 0;
}
