import { subscriptionModelSuite } from './subscription-model.js';

subscriptionModelSuite(1, 2);
