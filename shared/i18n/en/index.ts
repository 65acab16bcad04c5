import { admin } from './admin';
import { citizen } from './citizen';
import { errors } from './errors';
import { sync } from './sync';

export const en = { citizen, errors, sync, admin };
