/** Validators for prompted answers: `true`, or what to fix (shown under the prompt). */

export function required(value: string): true | string {
  return value.trim() !== '' || 'a value is required';
}

export function assetCode(value: string): true | string {
  return /^[A-Za-z0-9_-]{1,32}$/.test(value.trim()) || '1 to 32 letters, digits, _ or -';
}

export function wholeNumber(min: number, max: number) {
  return (value: string): true | string => {
    const text = value.trim();
    if (!/^\d+$/.test(text)) return 'a whole number';
    const n = Number(text);
    return (n >= min && n <= max) || `a whole number from ${min} to ${max}`;
  };
}
