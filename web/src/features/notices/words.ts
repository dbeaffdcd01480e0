// How a notice reads on paper and on the unit's page: the problems and actions of
// shared/domain/notices.ts noticeText, numbered the way an official document numbers them.
import { noticeText } from '../../../../shared/domain/notices.js';
import type { Notice } from '../../../../shared/schemas/notices.js';

const CHINESE_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
/** 一、二、… as an official document counts its points. */
export const chineseOrdinal = (i: number) => CHINESE_NUMERALS[i] ?? String(i + 1);

export const noticeProblems = (notice: Pick<Notice, 'flags'>) => noticeText(notice.flags).problems;
export const noticeActions = (notice: Pick<Notice, 'flags'>) => noticeText(notice.flags).actions;
