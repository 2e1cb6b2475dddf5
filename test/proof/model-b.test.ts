import { modelSuite } from './model.js';

modelSuite(1, 2);
