import type { TranslationShape } from '../types';
import type { configErrors as vi } from '../vi/config-errors';

export const configErrors: TranslationShape<typeof vi> = {
  intro: 'The kiosk configuration is not valid; fix the following ({{n}}):',
  contactIt: 'Please contact IT.',
  problems: {
    missing_file: 'Configuration file {{path}} not found.',
    unreadable: 'Configuration file {{path}} cannot be read.',
    empty: 'The configuration file is empty.',
    truncated: 'The configuration file is cut short, its content stops at line {{line}}, column {{column}}.',
    not_json: 'The configuration file has an error at line {{line}}, column {{column}}.',
    not_object: 'The whole configuration file must be one group of settings in { }.',
    wrong_type: 'The setting {{field}} must be {{expected}}.',
    missing_key: 'The required setting {{field}} is missing.',
    unknown_key: 'There is no setting called {{field}}, please check the spelling.',
    not_allowed: 'The setting {{field}} must be {{allowed}}.',
    not_https: 'The setting {{field}} must start with https:// (http:// only for this computer: localhost, 127.x.x.x, ::1).',
    not_identifier: 'The setting {{field}} may hold only unaccented letters, digits, dots, dashes and underscores, 1 to 64 characters.',
    too_small: {
      number: 'The setting {{field}} must be {{limit}} or more.',
      number_exclusive: 'The setting {{field}} must be more than {{limit}}.',
      string: 'The setting {{field}} must have at least {{limit}} characters.',
      array: 'The setting {{field}} must have at least {{limit}} entries.',
    },
    too_big: {
      number: 'The setting {{field}} must not be more than {{limit}}.',
      number_exclusive: 'The setting {{field}} must be less than {{limit}}.',
      string: 'The setting {{field}} must not be longer than {{limit}} characters.',
      array: 'The setting {{field}} must not have more than {{limit}} entries.',
    },
    invalid_value: 'The value of {{field}} is not valid (details are in the kiosk log).',
    not_reason_key:
      'The setting {{field}} must start with an unaccented lower-case letter, followed only by unaccented lower-case letters, digits and underscores, 1 to 40 characters.',
    duplicate_reason_key: 'The setting {{field}} repeats the key of a reason above; each reason needs its own key.',
    not_language_code: 'The setting {{field}} is not a language code (for example en).',
  },
  types: {
    string: 'a text in double quotes',
    number: 'a number',
    int: 'a whole number',
    boolean: 'true or false',
    object: 'a group of settings in { }',
    array: 'a list in [ ]',
    other: 'another kind of value',
  },
};
