/**
 * The modules this app is made of (Django's INSTALLED_APPS): drop one from the list and its
 * pages are gone. Kept apart from app.ts so that modules can read it without importing the app.
 */
export const ENABLED_MODULES = ["admin", "forum", "home"];
