// Validation problems, as zod and the server word them in English, in the dashboard's own language.
import { describe, expect, it } from 'vitest';
import i18n from '../../web/src/i18n/index.js';
import { ApiError } from '../../web/src/shared/api/http.js';
import { describeError, describeProblem } from '../../web/src/shared/api/describe-error.js';

const zh = i18n.getFixedT('zh');
const en = i18n.getFixedT('en');

describe('describeProblem', () => {
  it('names the allowed options of a field by their labels', () => {
    expect(describeProblem('Invalid option: expected one of "township"|"department"|"other"', zh, 'kind')).toBe('应为以下之一：乡镇、部门、其他');
    expect(describeProblem('Invalid option: expected one of "township"|"department"|"other"', en, 'kind')).toBe('must be one of: Township, Department, Other');
  });

  it('says in Chinese what is required, too short, too long or not a date', () => {
    expect(describeProblem('is required', zh)).toBe('必填');
    expect(describeProblem('required for the unit role', zh)).toBe('必填');
    expect(describeProblem('Invalid input: expected string, received undefined', zh)).toBe('必填');
    expect(describeProblem('at least 8 characters', zh)).toBe('至少 8 个字符');
    expect(describeProblem('Too small: expected string to have >=2 characters', zh)).toBe('至少 2 个字符');
    expect(describeProblem('Too big: expected string to have <=200 characters', zh)).toBe('最多 200 个字符');
    expect(describeProblem('Too small: expected number to be >=1', zh)).toBe('不能小于 1');
    expect(describeProblem('Invalid ISO date', zh)).toMatch(/^不是有效的日期/);
  });

  it('words the import file’s problems in Chinese', () => {
    expect(describeProblem('code IMP-1 is also on row 2', zh, 'code')).toBe('IMP-1 与第 2 行重复');
    expect(describeProblem('no active technician named zhang', zh, 'assignee')).toBe('没有名为 zhang 的在职技术员');
    expect(describeProblem('not valid CSV: Invalid Closing Quote', zh, 'file')).toMatch(/^不是有效的 CSV 文件/);
    expect(describeProblem('column kind is missing from the header', zh, 'kind')).toBe('表头缺少“类型”列');
    expect(describeProblem('letters, digits and . _ - only', zh, 'code')).toBe('只能包含字母、数字和 . _ -');
    expect(describeProblem('already exists', zh, 'code')).toBe('已存在');
    expect(describeProblem('names no unit', zh, 'unitId')).toBe('找不到这个单位');
  });

  it('shows a message of an unknown shape as it came', () => {
    expect(describeProblem('something new went wrong', zh)).toBe('something new went wrong');
  });
});

describe('describeError', () => {
  it('lists each bad field of a 400 by its label, with the problem in words', () => {
    const error = new ApiError(400, 'VALIDATION_FAILED', 'bad body', [
      { field: 'kind', message: 'Invalid option: expected one of "township"|"department"|"other"' },
      { field: 'assignee', message: 'no active technician named li' },
    ]);
    expect(describeError(error, zh)).toEqual({
      title: '提交的内容有误。',
      lines: ['类型：应为以下之一：乡镇、部门、其他', '负责技术员：没有名为 li 的在职技术员'],
    });
  });

  it('names a unit’s county and a user’s scope in words, not by their field names', () => {
    const error = new ApiError(400, 'VALIDATION_FAILED', 'bad body', [
      { field: 'areaCode', message: '所属区县代码 621200 不是一个区县' },
      { field: 'scope', message: '不存在' },
    ]);
    expect(describeError(error, zh).lines).toEqual(['所属区县：所属区县代码 621200 不是一个区县', '管辖范围：不存在']);
  });
});
