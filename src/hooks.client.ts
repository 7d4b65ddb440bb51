// Client-side error hook. An unknown route is an expected outcome (the +error page
// explains it), so it is not logged; anything else is logged for debugging.
import type { HandleClientError } from '@sveltejs/kit';

export const handleError: HandleClientError = ({ error, status, message }) => {
  if (status !== 404) console.error(error);
  return { message };
};
