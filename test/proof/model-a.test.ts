import { modelSuite } from './model.js';

modelSuite(0, 2);
