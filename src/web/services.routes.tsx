import { HUB_SERVICES } from '../inquiries/inquiries.js';
import { NotFound } from '../lib/errors.js';
import { ServicePage, ServicesPage } from './pages/services.page.js';
import { sharedRoute, type PublicRoute } from './public-route.js';

// The Innovation Hub's services (issue 17): one page each and an index, the same for everyone.

export const serviceRoutes: readonly PublicRoute[] = [
  sharedRoute('/services', 'the Innovation Hub\'s services, each with its summary', async (ctx) => ctx.document(<ServicesPage site={ctx.deps.site} services={HUB_SERVICES} />)),
  sharedRoute('/services/:slug', 'one Innovation Hub service: what it is, and a call to action opening the contact form on its topic', async (ctx) => {
    const slug = ctx.slug();
    const service = HUB_SERVICES.find((one) => one.slug === slug);
    if (!service) throw new NotFound('There is no such service.');
    return ctx.document(<ServicePage site={ctx.deps.site} service={service} />);
  }),
];
