import { subscriptionModelSuite } from './subscription-model.js';

subscriptionModelSuite(0, 2);
