/** The slug rule for every kind of content: lowercase letters, digits and single hyphens (`2024-spring`). */
export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
