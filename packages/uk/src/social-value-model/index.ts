export { socialValueModel2020, socialValueModel2025 } from './social-value-model';
