import type { citizen as vi } from '../vi/citizen';
import type { TranslationShape } from '../types';

export const citizen: TranslationShape<typeof vi> = {
  question: 'Are you satisfied with our service?',
  hint: 'Tap a face to rate',
  levels: {
    very_satisfied: 'Very satisfied',
    satisfied: 'Satisfied',
    neutral: 'Neutral',
    not_satisfied: 'Not satisfied',
    very_dissatisfied: 'Very dissatisfied',
  },
  followUp: {
    question: 'What were you not satisfied with?',
    questionHint: '(choose any)',
    send: 'Send',
    skip: 'Skip',
    feesHint: 'If you were charged wrongly, please report it through the office hotline or feedback box.',
    comment: 'Other comments (do not enter ID numbers)',
  },
  reasons: {
    late: 'Result was late',
    repeat_visits: 'Had to come back or resubmit several times',
    staff_attitude: 'Staff attitude or guidance',
    paperwork: 'Complicated or extra paperwork',
    fees: 'Fees not as regulated',
    result_error: 'Errors in the result',
    waiting_facilities: 'Long wait, waiting area, signage',
    other: 'Other',
  },
  thanks: 'Thank you for your feedback!',
  thanksLow: 'We hear you and will improve.',
  saveFailed: 'Sorry, your rating was not saved. Please tap again.',
  saving: 'Saving your rating…',
  unavailable: {
    title: 'The rating kiosk is not available right now',
    apology: 'We apologise for the inconvenience. Our staff will fix it soon.',
  },
  recovering: 'Please wait a moment…',
  language: {
    label: 'Language',
    vi: 'Tiếng Việt',
    en: 'English',
  },
  loading: 'Starting…',
  counter: '{{counter}}',
};
