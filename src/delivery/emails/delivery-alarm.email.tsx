import { simpleEmail } from '../../mail/email.js';
import { greetingFor } from '../../mail/simple-email.js';
import { alarmText, type Alarm } from '../alarms/alarm.js';

/** A delivery's alarm, to each owner and admin, once per incident (alarms/alarms.service.ts). */
export interface DeliveryAlarmProps {
  readonly name: string;
  readonly deliveryId: number;
  readonly title: string;
  readonly edition: string;
  readonly alarm: Alarm;
  readonly sent: number;
  readonly total: number;
  readonly left: number;
  /** The delivery's desk page. */
  readonly url: string;
  readonly siteName: string;
}

export const { subject, render, renderText } = simpleEmail<DeliveryAlarmProps>((props, t) => {
  const alarm = alarmText(t, props.alarm);
  return {
    subject: t('deskDeliveryHealth.email.subject', { id: props.deliveryId, alarm }),
    greeting: greetingFor(t, props.name),
    paragraphs: [t('deskDeliveryAlarms.email.body', { id: props.deliveryId, title: props.title, edition: props.edition === 'full' ? 'full' : 'teaser', alarm, sent: props.sent, total: props.total, left: props.left })],
    action: { label: t('deskDeliveryHealth.email.open'), url: props.url },
    closing: t('deskDeliveryAlarms.email.closing'),
    siteName: props.siteName,
  };
});
