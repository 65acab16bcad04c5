import { admin } from './admin';
import { citizen } from './citizen';
import { configErrors } from './config-errors';
import { counter } from './counter';
import { dashboard } from './dashboard';
import { errors } from './errors';
import { keyboard } from './keyboard';
import { report } from './report';
import { sync } from './sync';

export const en = { citizen, errors, sync, admin, report, keyboard, counter, configErrors, dashboard };
