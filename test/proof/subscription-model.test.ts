import { subscriptionModelSuite } from './subscription-model.js';

subscriptionModelSuite();
