// Calendar feeds: a private, revocable iCalendar subscription URL per user and workspace,
// listing that user's tasks and meetings (see routes.ts for the HTTP surface).
//
// Wiring: services.ts builds the service on the shared database, app.ts mounts the routes.
//   const calendar = createCalendarFeeds({ db, auth, storage, version });
//   app.use(calendarRoutes({ auth, calendar }));
//   calendar.dispose(); // on shutdown
export { createCalendarFeeds, type CalendarFeeds, type CalendarFeedsOptions, type RenderedFeed } from './feed-service.ts';
export { calendarRoutes, FEED_PATH, type CalendarRoutesOptions } from './routes.ts';
export { renderFeed, type RenderFeedOptions } from './feed-render.ts';
export type { CalendarFeed } from './feed-tokens.ts';
