import { alarmText } from '../../delivery/alarms/alarm.js';
import { alarmOf } from '../../delivery/alarms/alarms.service.js';
import type { Delivery } from '../../delivery/delivery.js';
import { useLocale } from '../../web/locale.js';
import { utcTime } from '../page-parts.js';

// A delivery's alarm on its desk page (raised by the worker, once per incident; docs/delivery.md "Alarms").

export function AlarmNote({ delivery }: { delivery: Delivery }) {
  const { t } = useLocale();
  const raised = alarmOf(delivery);
  if (!raised) return null;
  return (
    <p class="attention" data-delivery-alarm={raised.alarm.kind}>
      {t('deskDeliveryHealth.alarm.note', { time: utcTime(raised.at), alarm: alarmText(t, raised.alarm) })}
    </p>
  );
}
