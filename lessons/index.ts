// Every lesson, in the order the list shows them (the documents' order of ideas). The UI imports
// this module lazily (import('../../lessons/index.js')), so lesson text never delays the first
// prompt; the tests import it directly.

import type { Lesson } from '../src/lessons/model.js';
import { lesson as expiry } from './expiry.js';
import { lesson as firstContact } from './first-contact.js';
import { lesson as hashes } from './hashes.js';
import { lesson as hatShop } from './hat-shop.js';
import { lesson as lists } from './lists.js';
import { lesson as sets } from './sets.js';
import { lesson as sortedSets } from './sorted-sets.js';
import { lesson as stringsCounters } from './strings-counters.js';

export const lessons: readonly Lesson[] = [firstContact, stringsCounters, hashes, lists, sets, sortedSets, expiry, hatShop];
