// The registry of admin commands; each module exports one AdminCommand.
import type { AdminCommand } from './types';
import { checkConfigCommand } from './check-config';
import { contactsCommand } from './contacts';
import { exportCommand } from './export';
import { hashPinCommand } from './hash-pin';
import { checkLanguageCommand, languageTemplateCommand } from './language-packs';
import { tallyCommand } from './tally';
import { statusCommand } from './status';
import { syncCommand } from './sync';

export const COMMANDS: AdminCommand[] = [
  statusCommand,
  syncCommand,
  tallyCommand,
  exportCommand,
  contactsCommand,
  checkConfigCommand,
  checkLanguageCommand,
  languageTemplateCommand,
  hashPinCommand,
];
