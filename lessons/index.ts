// Every lesson, in the order the list shows them (the documents' order of ideas). The UI imports
// this module lazily (import('../../lessons/index.js')), so lesson text never delays the first
// prompt; the tests import it directly.

import type { Lesson } from '../src/lessons/model.js';
import { lesson as bitmaps } from './bitmaps.js';
import { lesson as botDetection } from './bot-detection.js';
import { lesson as caching } from './caching.js';
import { lesson as connections } from './connections.js';
import { lesson as encodedValues } from './encoded-values.js';
import { lesson as expiry } from './expiry.js';
import { lesson as firstContact } from './first-contact.js';
import { lesson as hashes } from './hashes.js';
import { lesson as hatShop } from './hat-shop.js';
import { lesson as hyperloglog } from './hyperloglog.js';
import { lesson as jobQueue } from './job-queue.js';
import { lesson as lists } from './lists.js';
import { lesson as persistence } from './persistence.js';
import { lesson as pipelines } from './pipelines.js';
import { lesson as pubSub } from './pub-sub.js';
import { lesson as rateLimiting } from './rate-limiting.js';
import { lesson as scripting } from './scripting.js';
import { lesson as sessions } from './sessions.js';
import { lesson as sets } from './sets.js';
import { lesson as sortedSets } from './sorted-sets.js';
import { lesson as streams } from './streams.js';
import { lesson as stringsCounters } from './strings-counters.js';
import { lesson as structuredData } from './structured-data.js';

export const lessons: readonly Lesson[] = [
  firstContact,
  stringsCounters,
  hashes,
  lists,
  sets,
  sortedSets,
  // The hat shop comes before expiry, as in the redis-py article.
  hatShop,
  expiry,
  // The uses: the documents' data types beyond the first five, then the patterns built on them.
  hyperloglog,
  bitmaps,
  pipelines,
  pubSub,
  caching,
  jobQueue,
  streams,
  sessions,
  rateLimiting,
  botDetection,
  // Scripts make the patterns above atomic: the rate limiter, a lock, the hat shop's purchase.
  scripting,
  persistence,
  structuredData,
  encodedValues,
  connections,
];
