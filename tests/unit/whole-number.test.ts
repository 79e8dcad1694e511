import { describe, expect, it } from 'vitest';
import { digitsOf, stepWholeNumber, wholeNumberIn } from '../../src-renderer/app/whole-number';

describe('whole-number fields', () => {
  it('keep only the digits of what was typed or pasted', () => {
    expect(digitsOf('12')).toBe('12');
    expect(digitsOf(' 1 2.')).toBe('12');
    expect(digitsOf('-3')).toBe('3');
    expect(digitsOf('1e3')).toBe('13');
    expect(digitsOf('٣')).toBe(''); // other scripts' digits are not taken as a number
    expect(digitsOf('12345678901')).toBe('123456789');
  });

  it('give a number only inside the range', () => {
    expect(wholeNumberIn('1', 1, 12)).toBe(1);
    expect(wholeNumberIn('12', 1, 12)).toBe(12);
    expect(wholeNumberIn('012', 1, 12)).toBe(12);
    expect(wholeNumberIn('0', 1, 12)).toBeNull();
    expect(wholeNumberIn('13', 1, 12)).toBeNull();
    expect(wholeNumberIn('', 1, 12)).toBeNull();
    expect(wholeNumberIn('1.5', 1, 12)).toBeNull();
  });

  it('step with the arrow keys and stay in range', () => {
    expect(stepWholeNumber('5', 1, 1, 12)).toBe(6);
    expect(stepWholeNumber('5', -1, 1, 12)).toBe(4);
    expect(stepWholeNumber('12', 1, 1, 12)).toBe(12);
    expect(stepWholeNumber('1', -1, 1, 12)).toBe(1);
    expect(stepWholeNumber('40', -1, 1, 12)).toBe(12);
    expect(stepWholeNumber('', 1, 1, 12)).toBe(1);
    expect(stepWholeNumber('', -1, 1, 12)).toBe(12);
  });
});
