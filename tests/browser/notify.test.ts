// The office adds its WeChat Work group robot (a local imitation on 127.0.0.1), sends a test
// message and reads the robot's answer in the delivery log; the address never shows again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver, type Receiver } from '../api/notify.receiver.js';
import { ADMIN, checkEachPage, logIn, openBrowser, startServer, type Browser, type Server } from './harness.js';

let robot: Receiver;
let server: Server;
let browser: Browser;
beforeAll(async () => {
  robot = await startReceiver();
  server = await startServer({ NOTIFY_ALLOWED_HOSTS: '127.0.0.1' });
  browser = await openBrowser({ width: 1366, height: 900 });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await robot?.close();
});
checkEachPage(() => browser);

describe('通知设置', () => {
  it('adds a group robot, sends a test message and shows the answer in the log', async () => {
    const { page } = browser;
    const key = 'browser-robot-key-5d1e';
    await logIn(page, server.url, ADMIN.username, ADMIN.password);
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '通知设置' }).click();
    await page.getByRole('heading', { name: '通知设置', level: 1 }).waitFor();
    await page.getByText('还没有群机器人').waitFor();

    await page.getByRole('button', { name: '添加群机器人' }).click();
    const form = page.getByRole('form', { name: '添加群机器人' });
    // the address is checked by the server: a host not allowed is refused in words
    await form.getByLabel('名称').fill('县政府办工作群');
    await form.getByLabel('Webhook 地址').fill('https://hooks.example.com/cgi-bin/webhook/send?key=x');
    await form.getByRole('button', { name: '保存' }).click();
    await form.getByText('不能发送到 hooks.example.com').waitFor();
    await browser.shot('notify-form-1366');

    await form.getByLabel('Webhook 地址').fill(robot.wecomUrl(key));
    await form.getByLabel('发送时间').fill('08:30');
    await form.getByRole('button', { name: '保存' }).click();
    const card = page.getByRole('article', { name: '县政府办工作群' });
    await card.waitFor();
    await card.getByText(`http://127.0.0.1:${robot.port}/cgi-bin/webhook/send?key=****`).waitFor();
    await card.getByText('还没有发送过消息。').waitFor();

    await card.getByRole('button', { name: '发送测试消息' }).click();
    await card.getByText('测试消息已送达。').waitFor();
    const log = card.getByRole('table', { name: '发送记录' });
    await log.getByText('已送达').waitFor();
    // the robot's answer in words (its technical text is shown only when something went wrong)
    await log.getByText('机器人已收到消息。').waitFor();
    expect(robot.for(key)).toHaveLength(1);
    expect(robot.for(key)[0].text).toContain('县政府办工作群');
    expect(await page.content()).not.toContain(key);
    await browser.shot('notify-1366');

    await page.setViewportSize({ width: 360, height: 800 });
    await card.getByText('测试消息已送达。').waitFor();
    await browser.shot('notify-360');
  });
});
