import { describe, expect, it } from 'vitest';
import type { DocumentType } from './index.js';
import { maskDocumentNumber, maskName, maskPhone } from './masking.js';

describe(maskDocumentNumber.name, () => {
  it.each<[DocumentType, string, string]>([
    ['RESIDENT_ID', '45010319900307120X', '450103********120X'],
    ['RESIDENT_ID', '11010519491231002X', '110105********002X'],
    ['RESIDENT_ID', '451002196802290041', '451002********0041'],
    ['PASSPORT', 'E12345678', 'E1****678'],
    ['PASSPORT', 'EA1234567', 'EA****567'],
    ['PASSPORT', 'AB1234567890123CD', 'AB************3CD'],
    ['PASSPORT', 'X1234567', 'X*****67'],
    ['PASSPORT', 'A1234', 'A**34'],
    ['HK_MACAO_PERMIT', 'H12345678', 'H1****678'],
    ['HK_MACAO_PERMIT', 'M1234567801', 'M1******801'],
    ['TAIWAN_PERMIT', '12345678', '1*****78'],
    ['TAIWAN_PERMIT', '1234567890B', '12******90B'],
    ['FOREIGN_PERMANENT_RESIDENT', 'USA123456789012', 'US**********012'],
    ['FOREIGN_PERMANENT_RESIDENT', '915600198501010011', '91*************011'],
    // A number that never passed validation still must not leak: short ones are hidden entirely.
    ['PASSPORT', 'A123', '****'],
    ['RESIDENT_ID', '45010319900307', '45*********307'],
  ])('%s %s → %s', (type, number, masked) => {
    expect(maskDocumentNumber(type, number)).toBe(masked);
    expect(maskDocumentNumber(type, number)).toHaveLength(number.length);
  });
});

describe(maskName.name, () => {
  it.each([
    ['张三', '张*'],
    ['李小龙', '李**'],
    ['欧阳娜娜', '欧***'],
    ['Zhang San', 'Z**** ***'],
    ['Mary-Jane O’Neil', 'M******** ******'],
    ['买买提·艾力', '买*****'],
    ['𠮷野家', '𠮷**'],
    ['  张三 ', '张*'],
    ['张', '*'],
    ['Z', '*'],
    ['', ''],
  ])('%j → %j', (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });
});

describe(maskPhone.name, () => {
  it.each([
    ['13812341234', '138****1234'],
    ['19912345678', '199****5678'],
    ['+86 138 1234 1234', '138****1234'],
    ['0086-138-1234-1234', '138****1234'],
    ['07712345678', '*******5678'],
    ['+85291234567', '********4567'],
    ['123456', '******'],
    ['', ''],
  ])('%j → %j', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked);
  });
});
