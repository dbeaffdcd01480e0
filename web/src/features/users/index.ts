// What the users feature offers the rest of the web: its query keys (the technicians and people
// lists of other features refresh with them) and the user write the scope dialog sends.
export { userKeys } from './api/keys.js';
export { useUpdateUser } from './api/update-user.js';
