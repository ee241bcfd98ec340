// Every error the vault answers with, each defined once: its name, wire code, status and
// sentence (Fastify core's createError and better-auth's error-code map are the models). Where
// Ozura's "Common errors" page documents a sentence, it is Ozura's words exactly (docs/api.md §0),
// since clients match on them. A name that is not a wire code is a more precise variant of
// `code`. `%s` is filled by `args`: fixed values of ours (limits, role names) or a library's fixed
// sentences (zxcvbn's feedback), never request data. docs/errors.md is generated from this map (test/http/catalogue.test.ts).

interface ErrorSpec {
  status: number;
  message: string;
  /** The wire code, when the name is a variant of it. */
  code?: string;
  /** For docs/errors.md: what fills a `%s` that is not self-explanatory. */
  note?: string;
}

export const ERRORS = {
  // 400
  invalid_json: { status: 400, message: 'The request body is not valid JSON.' },
  validation_error: { status: 400, message: 'The request is missing fields or has invalid ones.' },
  missing_field: { code: 'validation_error', status: 400, message: 'Missing required field: %s' },
  invalid_field: { code: 'validation_error', status: 400, message: 'Invalid value for %s' },
  elements_origin_http: { code: 'validation_error', status: 400, message: 'Only development projects may list http://localhost in elements_origins.' },
  invalid_request: { status: 400, message: 'The request is malformed.' },
  bad_content_length: { code: 'invalid_request', status: 400, message: 'The Content-Length header does not match the body.' },
  bad_url: { code: 'invalid_request', status: 400, message: 'The URL is malformed.' },
  api_key_and_session_key: { code: 'invalid_request', status: 400, message: 'Send either X-API-Key or X-Session-Key, not both.' },
  mfa_enable_needs_password: { code: 'invalid_request', status: 400, message: 'current_password is required to enable MFA.' },
  mfa_disable_elsewhere: { code: 'invalid_request', status: 400, message: 'To turn MFA off, POST /auth/mfa/disable with a current code.' },
  mfa_not_set_up: { code: 'invalid_request', status: 400, message: 'MFA is not set up: enable it in the user settings first.' },
  mfa_not_enabled: { code: 'invalid_request', status: 400, message: 'MFA is not enabled.' },
  invalid_card_number: { status: 400, message: 'Invalid card number' },
  invalid_expiry: { status: 400, message: 'Card has expired' },
  // A month or year that is no date at all is not an expired card: Ozura's "Invalid value for" words.
  invalid_expiry_month: { code: 'invalid_expiry', status: 400, message: 'Invalid value for expirationMonth' },
  invalid_expiry_year: { code: 'invalid_expiry', status: 400, message: 'Invalid value for expirationYear' },
  invalid_cvv: { status: 400, message: 'Invalid value for cvv' },
  invalid_routing_number: { status: 400, message: 'Invalid value for routingNumber' },
  inbound_path_segment: { code: 'invalid_request', status: 400, message: 'The path after the route id must not contain . or .. segments.' },
  not_a_test_card: { status: 400, message: "Only the card networks' published test card numbers are accepted here." },
  weak_password: { status: 400, message: 'The password is too weak.' },
  password_length: { code: 'weak_password', status: 400, message: 'The password must be %s to %s characters long.' },
  password_is_email: { code: 'weak_password', status: 400, message: 'The password must not be your email address.' },
  password_guessable: {
    code: 'weak_password', status: 400, message: '%s',
    note: "zxcvbn's feedback for a guessable password: its fixed English warnings and suggestions, or 'This password is too easy to guess.'",
  },
  password_unchanged: { code: 'weak_password', status: 400, message: 'The new password must differ from the current one.' },
  invalid_code: { status: 400, message: 'The code is invalid or has expired.' },
  reset_token_invalid: { code: 'invalid_token', status: 400, message: 'The reset token is invalid, used or expired.' },
  verification_token_invalid: { code: 'invalid_token', status: 400, message: 'The verification token is invalid, used, expired or for another email.' },
  invalid_proxy_url: { status: 400, message: 'Invalid proxy URL' },
  card_number_unchangeable: { code: 'validation_error', status: 400, message: "A token's card number never changes: tokenize the new number to get a new token." },
  token_data_unchangeable: { code: 'validation_error', status: 400, message: 'Only a card token has data to update (its expiry and holder name).' },
  ttl_and_expires_at: { code: 'validation_error', status: 400, message: 'Send ttl_seconds or expires_at, not both.' },
  expires_at_past: { code: 'validation_error', status: 400, message: 'expires_at must be in the future.' },
  one_full_value: { code: 'validation_error', status: 400, message: 'Search by card_number or by account_number, not both.' },
  account_needs_routing: { code: 'validation_error', status: 400, message: 'A search by account_number needs its routing_number too.' },
  invalid_webhook_url: { code: 'validation_error', status: 400, message: 'A webhook URL must be an absolute https URL without credentials.' },
  invalid_placeholder: { status: 400, message: 'The request uses a placeholder this token cannot fill.' },
  // 401
  api_key_required: { status: 401, message: 'The X-API-Key header is required.' },
  api_key_as_bearer: { code: 'api_key_required', status: 401, message: 'API keys go in the X-API-Key header, not in Authorization: Bearer (that is for dashboard JWTs).' },
  invalid_api_key: { status: 401, message: 'Invalid API key' },
  pub_key_required: { status: 401, message: 'The X-Pub-Key header is required.' },
  pub_key_mismatch: { status: 401, message: "The X-Pub-Key does not belong to this API key's application." },
  session_expired: { status: 401, message: 'The session key is expired, spent or revoked.' },
  authentication_required: { status: 401, message: 'Sign in first: send a Bearer token or the session cookie.' },
  metrics_token_required: { code: 'authentication_required', status: 401, message: 'Metrics need the METRICS_TOKEN as a Bearer token.' },
  invalid_token: { status: 401, message: 'Token expired' },
  bad_authorization_header: { code: 'invalid_token', status: 401, message: 'The Authorization header must be "Bearer <token>".' },
  invalid_credentials: { status: 401, message: 'The email or password is incorrect.' },
  // Signed in already (MFA set-up, password change): only the password can be wrong, not the email.
  wrong_current_password: { code: 'invalid_credentials', status: 401, message: 'The current password is incorrect.' },
  // 403
  permission_denied: { status: 403, message: 'This API key does not have permission for this operation' },
  role_too_low: { code: 'permission_denied', status: 403, message: 'Your role (%s) does not allow this; it needs %s or above.' },
  owner_grants_owner_admin: { code: 'permission_denied', status: 403, message: 'Only an owner can grant the owner or admin role.' },
  owner_changes_owner_admin: { code: 'permission_denied', status: 403, message: 'Only an owner can grant, change or remove the owner or admin role.' },
  owner_withdraws_owner_admin: { code: 'permission_denied', status: 403, message: 'Only an owner can withdraw an owner or admin invitation.' },
  child_right_exceeds_parent: { code: 'permission_denied', status: 403, message: 'A child application cannot get a right the provisioning key lacks (%s).' },
  full_value_search_denied: { code: 'permission_denied', status: 403, message: 'Searching by a full card or account number needs an API key with the detokenization permission.' },
  user_not_member: { code: 'permission_denied', status: 403, message: "The signed-in user is not a member of this API key's project." },
  mfa_required: { status: 403, message: 'MFA verification required' },
  account_locked: { status: 403, message: 'Too many failed attempts' },
  password_expired: { status: 403, message: 'The password has expired and must be changed.' },
  csrf_failed: { status: 403, message: 'Cookie-authenticated writes must come from the vault origin.' },
  destination_forbidden: { status: 403, message: 'The proxy destination is not allowed.' },
  webhook_destination_forbidden: { code: 'destination_forbidden', status: 403, message: 'The webhook URL points to an address the vault does not call (private, loopback, link-local or metadata).' },
  no_allowed_hosts: { code: 'destination_forbidden', status: 403, message: 'A production project sends card data only to the hosts in its proxy_allowed_hosts setting, which is empty.' },
  // 404
  not_found: { status: 404, message: 'Not found.' },
  no_such_route: { code: 'not_found', status: 404, message: 'No such route.' },
  dashboard_not_built: { code: 'not_found', status: 404, message: 'The dashboard is not built; run npm run build.' },
  inbound_route_not_found: { code: 'not_found', status: 404, message: 'Route not found.' },
  project_not_found: { code: 'not_found', status: 404, message: 'Project not found.' },
  member_not_found: { code: 'not_found', status: 404, message: 'Member not found.' },
  invitation_not_found: { code: 'not_found', status: 404, message: 'Invitation not found or expired.' },
  application_not_found: { code: 'not_found', status: 404, message: 'Application not found.' },
  webhook_not_found: { code: 'not_found', status: 404, message: 'Webhook not found.' },
  webhook_delivery_not_found: { code: 'not_found', status: 404, message: 'Webhook delivery not found.' },
  session_key_not_found: { code: 'not_found', status: 404, message: 'Session key not found.' },
  pub_key_not_found: { code: 'not_found', status: 404, message: 'No such pub key.' },
  file_not_found: { code: 'not_found', status: 404, message: 'No such file.' },
  token_not_found: { status: 404, message: 'Token not found' },
  cvc_session_not_found: { status: 404, message: 'CVC session expired or not found' },
  // 408, 409
  request_timeout: { status: 408, message: 'The request took too long to arrive.' },
  conflict: { status: 409, message: 'The request conflicts with existing data.' },
  application_name_taken: { code: 'conflict', status: 409, message: 'An application with this name already exists in the project.' },
  inbound_route_name_taken: { code: 'conflict', status: 409, message: 'A route with this name already exists in the project.' },
  application_names_repeat: { code: 'conflict', status: 409, message: 'Application names must be unique within a project.' },
  project_too_deep: { code: 'conflict', status: 409, message: 'Provisioned projects may be at most %s levels below a root project.' },
  too_many_children: { code: 'conflict', status: 409, message: 'A project may have at most %s provisioned projects.' },
  last_owner: { code: 'conflict', status: 409, message: 'A project needs at least one owner.' },
  mfa_already_enabled: { code: 'conflict', status: 409, message: 'MFA is already enabled; disable it first to enrol a new device.' },
  email_taken: { status: 409, message: 'An account with this email already exists.' },
  idempotency_in_progress: { status: 409, message: 'A request with this Idempotency-Key is still running; retry after Retry-After seconds.' },
  token_space_exhausted: { status: 409, message: "Every token of this format for the value's kept digits is in use in this project." },
  token_exists: { status: 409, message: 'This token is already in use in this project.' },
  // 413–431
  payload_too_large: { status: 413, message: 'The request body is larger than 1 MiB.' },
  uri_too_long: { status: 414, message: 'A path segment of the URL is too long.' },
  unsupported_media_type: { status: 415, message: 'The request body must be application/json.' },
  placeholder_media_type: { code: 'unsupported_media_type', status: 415, message: 'Placeholders are filled only in JSON, form-encoded and XML bodies: set a matching Content-Type.' },
  inbound_media_type: { code: 'unsupported_media_type', status: 415, message: 'This route takes %s bodies.', note: 'application/json or application/x-www-form-urlencoded: the route\'s content_type' },
  idempotency_key_reused: { status: 422, message: 'This Idempotency-Key was already used with a different request; use a new key.' },
  rate_limited: { status: 429, message: 'Rate limit exceeded' },
  headers_too_large: { status: 431, message: 'The request headers are larger than the vault accepts.' },
  // 5xx
  internal_error: { status: 500, message: 'Something went wrong on our side.' },
  upstream_error: { status: 502, message: 'Failed to proxy request' },
  service_unavailable: { status: 503, message: 'The vault database is unavailable; try again shortly.' },
  shutting_down: { code: 'service_unavailable', status: 503, message: 'The vault is shutting down.' },
  mail_unavailable: { code: 'service_unavailable', status: 503, message: 'The verification mail could not be sent; try again shortly.' },
  upstream_timeout: { status: 504, message: 'The upstream did not answer in time.' },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorName = keyof typeof ERRORS;
/** The wire codes: a variant's `code`, or the name itself. */
export type ErrorCode = { [K in ErrorName]: (typeof ERRORS)[K] extends { code: infer C } ? C : K }[ErrorName];

export const codeOf = (name: ErrorName): ErrorCode => ('code' in ERRORS[name] ? (ERRORS[name] as { code: ErrorCode }).code : (name as ErrorCode));
