export { fmtMoney, fmtNumber, fmtPercent, fmtScore, scoreRounding } from './format';
