import type { TranslationShape } from '../types';
import type { configErrors as vi } from '../vi/config-errors';

export const configErrors: TranslationShape<typeof vi> = {
  message: 'Invalid configuration: {{problem}}. Please contact IT.',
  problems: {
    missing_file: 'configuration file {{path}} not found',
    unreadable: 'configuration file {{path}} cannot be read',
    empty: 'the configuration file is empty',
    truncated: 'the configuration file is cut short, its content stops at line {{line}}, column {{column}}',
    not_json: 'the configuration file is not valid JSON, error at line {{line}}, column {{column}}',
    not_object: 'the whole configuration file must be one group of settings in { }',
    wrong_type: '“{{field}}” has the wrong type of value, it needs {{expected}}',
    missing_key: 'the required setting “{{field}}” is missing',
    unknown_key: '“{{field}}” is not a configuration setting, please check the spelling',
    not_allowed: '“{{field}}” takes only one of the values {{allowed}}',
    not_https: 'the server address “{{field}}” must start with https:// (http:// only for this computer: localhost, 127.x.x.x, ::1)',
    invalid_value: 'the value of “{{field}}” is not valid (details are in the kiosk log)',
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
