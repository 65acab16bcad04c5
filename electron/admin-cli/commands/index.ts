// The registry of admin commands; each module exports one AdminCommand.
import type { AdminCommand } from './types';

export const COMMANDS: AdminCommand[] = [];
