import type { CommandSpec } from '../command.js';

export const connectionCommands: CommandSpec[] = [];
