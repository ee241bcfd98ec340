// Generated from the vault's /openapi.json by scripts/generate.ts: do not edit.
export interface paths {
    "/tokenize": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Tokenize a card, bank account or string (or a batch of up to 1000)
         * @description An API key (`X-API-Key`) with the `tokenization` permission and its pub key (`X-Pub-Key`); with a Bearer JWT too, its user must be a member of the key’s project. Or a dashboard JWT alone (developer or above), the project named by `X-Pub-Key` or the body’s `project_id`. Or, from a browser, a session key (`X-Session-Key`) with the pub key; those calls are rate-limited per client IP and per pub key.
         */
        post: operations["postTokenize"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/detokenize": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Return the data behind a token (never the CVV), or up to 1000 tokens
         * @description An API key (`X-API-Key`) with the `detokenization` permission; with a Bearer JWT too, its user must be a member of the key’s project.
         */
        post: operations["postDetokenize"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/test-tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Tokenize a published test card with a CVC session that lives one year
         * @description An API key (`X-API-Key`) with the `tokenization` permission and, in production projects, its pub key (`X-Pub-Key`); with a Bearer JWT too, its user must be a member of the key’s project. Or a dashboard JWT alone (developer or above), the project named by `X-Pub-Key` or the body’s `project_id`.
         */
        post: operations["postTestTokens"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A project's tokens, masked, newest first
         * @description A dashboard user: `Authorization: Bearer <jwt>` or the session cookie (writes with the cookie need a matching `Origin`).
         */
        get: operations["getApiTokens"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A project's tokens, masked, newest first
         * @description A dashboard user: `Authorization: Bearer <jwt>` or the session cookie (writes with the cookie need a matching `Origin`).
         */
        get: operations["getTokens"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tokens/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One token, masked
         * @description A dashboard user: `Authorization: Bearer <jwt>` or the session cookie (writes with the cookie need a matching `Origin`).
         */
        get: operations["getApiTokensByToken"];
        put?: never;
        post?: never;
        /**
         * Delete a token and its CVC sessions
         * @description A dashboard user: `Authorization: Bearer <jwt>` or the session cookie (writes with the cookie need a matching `Origin`).
         */
        delete: operations["deleteApiTokensByToken"];
        options?: never;
        head?: never;
        /**
         * Update a token's expiry, metadata or TTL (developer or above); the number never changes
         * @description A dashboard user: `Authorization: Bearer <jwt>` or the session cookie (writes with the cookie need a matching `Origin`).
         */
        patch: operations["patchApiTokensByToken"];
        trace?: never;
    };
    "/api/tokens/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Search a project's tokens, masked, newest first (developer or above; never by full number)
         * @description A dashboard user: `Authorization: Bearer <jwt>` or the session cookie (writes with the cookie need a matching `Origin`).
         *
         *     Rate-limited per caller: 300 searches per 60 s (`token_search`), of which 30 by full value (`token_search_full`).
         */
        post: operations["postApiTokensSearch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tokens/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Update a token's expiry (account updater), metadata or TTL; the number never changes
         * @description An API key (`X-API-Key`) with the `tokenization` permission; with a Bearer JWT too, its user must be a member of the key’s project.
         */
        patch: operations["patchTokensByToken"];
        trace?: never;
    };
    "/tokens/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Search the key's project's tokens, masked, newest first
         * @description An API key (`X-API-Key`) with the `tokenization` permission; with a Bearer JWT too, its user must be a member of the key’s project.
         *
         *     Rate-limited per caller: 300 searches per 60 s (`token_search`), of which 30 by full value (`token_search_full`).
         */
        post: operations["postTokensSearch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mint a short-lived session key for browser card capture (Elements)
         * @description An API key (`X-API-Key`) with the `tokenization` permission; with a Bearer JWT too, its user must be a member of the key’s project.
         */
        post: operations["postSessions"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sessions/{session_key}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke a session key
         * @description An API key (`X-API-Key`) with the `tokenization` permission; with a Bearer JWT too, its user must be a member of the key’s project.
         */
        delete: operations["deleteSessionsBySessionKey"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/applications/key": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Check an API key and see what it may do
         * @description An API key (`X-API-Key`) (any permission); with a Bearer JWT too, its user must be a member of the key’s project.
         */
        get: operations["getApiApplicationsKey"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/applications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A project's applications (display prefix only, never the key)
         * @description A dashboard user: `Authorization: Bearer <jwt>` or the session cookie (writes with the cookie need a matching `Origin`).
         */
        get: operations["getApiApplications"];
        put?: never;
        /**
         * Create an application; the API key is shown once
         * @description A dashboard user: `Authorization: Bearer <jwt>` or the session cookie (writes with the cookie need a matching `Origin`).
         */
        post: operations["postApiApplications"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/applications/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One application
         * @description A dashboard user: `Authorization: Bearer <jwt>` or the session cookie (writes with the cookie need a matching `Origin`).
         */
        get: operations["getApiApplicationsById"];
        /**
         * Rename an application or change its permissions
         * @description A dashboard user: `Authorization: Bearer <jwt>` or the session cookie (writes with the cookie need a matching `Origin`).
         */
        put: operations["putApiApplicationsById"];
        post?: never;
        /**
         * Delete an application; its key stops working on every node within 1 s
         * @description A dashboard user: `Authorization: Bearer <jwt>` or the session cookie (writes with the cookie need a matching `Origin`).
         */
        delete: operations["deleteApiApplicationsById"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Log in with email and password
         * @description Rate-limited per client IP: 1000 per 60 s (`login`).
         *
         *     No authentication.
         */
        post: operations["postAuthLogin"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Revoke this session on every node and clear the cookie
         * @description A dashboard user: `Authorization: Bearer <jwt>` or the session cookie (writes with the cookie need a matching `Origin`).
         */
        post: operations["postAuthLogout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Check the current token or cookie
         * @description Rate-limited per client IP: 1000 per 60 s (`verify`).
         *
         *     A dashboard user: `Authorization: Bearer <jwt>` or the session cookie (writes with the cookie need a matching `Origin`).
         */
        get: operations["getAuthVerify"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/change-password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Change the password (other sessions are revoked)
         * @description Rate-limited per client IP: 1000 per 60 s (`change_password`).
         *
         *     A dashboard user: `Authorization: Bearer <jwt>` or the session cookie (writes with the cookie need a matching `Origin`).
         */
        post: operations["postAuthChangePassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/forgot-password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mail a single-use reset link (always 202)
         * @description Rate-limited per client IP: 1000 per 60 s (`forgot_password`).
         *
         *     Rate-limited per target address: 1000 per 60 s (`forgot_password_email`).
         *
         *     No authentication.
         */
        post: operations["postAuthForgotPassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/verify-reset-token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Check a reset token
         * @description No authentication.
         */
        get: operations["getAuthVerifyResetToken"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/reset-password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Set a new password with a reset token (all sessions revoked)
         * @description No authentication.
         */
        post: operations["postAuthResetPassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/reset-expired-password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Replace an expired password and log in
         * @description No authentication.
         */
        post: operations["postAuthResetExpiredPassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/password-expiry-info": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * When the password expires
         * @description A dashboard user: `Authorization: Bearer <jwt>` or the session cookie (writes with the cookie need a matching `Origin`).
         */
        get: operations["getAuthPasswordExpiryInfo"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/send-verification-code": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mail a 6-digit code to verify an email address (10 min, 5 tries)
         * @description Rate-limited per client IP: 1000 per 60 s (`send_verification_code`).
         *
         *     Rate-limited per target address: 1000 per 60 s (`send_verification_code_email`).
         *
         *     No authentication.
         */
        post: operations["postAuthSendVerificationCode"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/verify-email-code": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Trade an emailed code for a verification token
         * @description Rate-limited per client IP: 1000 per 60 s (`verify_email_code`).
         *
         *     Rate-limited per target address: 1000 per 60 s (`verify_email_code_email`).
         *
         *     No authentication.
         */
        post: operations["postAuthVerifyEmailCode"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create an account (needs a verification token)
         * @description Rate-limited per client IP: 1000 per 60 s (`register`).
         *
         *     No authentication.
         */
        post: operations["postAuthRegister"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/user/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Your account settings
         * @description A dashboard user: `Authorization: Bearer <jwt>` or the session cookie (writes with the cookie need a matching `Origin`).
         */
        get: operations["getApiUserSettings"];
        /**
         * Change your name; enable MFA (with current_password) to get a TOTP URI and 10 backup codes
         * @description A dashboard user: `Authorization: Bearer <jwt>` or the session cookie (writes with the cookie need a matching `Origin`).
         */
        put: operations["putApiUserSettings"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/mfa/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Verify a TOTP code (the first success confirms enrolment)
         * @description A dashboard user: `Authorization: Bearer <jwt>` or the session cookie (writes with the cookie need a matching `Origin`).
         */
        post: operations["postAuthMfaVerify"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/mfa/verify-backup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Verify with a single-use backup code
         * @description A dashboard user: `Authorization: Bearer <jwt>` or the session cookie (writes with the cookie need a matching `Origin`).
         */
        post: operations["postAuthMfaVerifyBackup"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/mfa/disable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Turn MFA off (needs a TOTP or backup code)
         * @description A dashboard user: `Authorization: Bearer <jwt>` or the session cookie (writes with the cookie need a matching `Origin`).
         */
        post: operations["postAuthMfaDisable"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/mfa/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * MFA state of this user and session
         * @description A dashboard user: `Authorization: Bearer <jwt>` or the session cookie (writes with the cookie need a matching `Origin`).
         */
        get: operations["getAuthMfaStatus"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/mfa-status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * MFA state of this user and session
         * @description A dashboard user: `Authorization: Bearer <jwt>` or the session cookie (writes with the cookie need a matching `Origin`).
         */
        get: operations["getMfaStatus"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/mfa/verify-page": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Server-rendered form that completes /auth/mfa/verify with the session cookie
         * @description No authentication.
         */
        get: operations["getAuthMfaVerifyPage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/internal/provision": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create an isolated sub-project and its applications
         * @description An API key (`X-API-Key`) with the `provisioning` permission; with a Bearer JWT too, its user must be a member of the key’s project.
         */
        post: operations["postInternalProvision"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Projects you are a member of
         * @description A dashboard user: `Authorization: Bearer <jwt>` or the session cookie (writes with the cookie need a matching `Origin`).
         */
        get: operations["getApiProjects"];
        put?: never;
        /**
         * Create a project (you become its owner)
         * @description A dashboard user: `Authorization: Bearer <jwt>` or the session cookie (writes with the cookie need a matching `Origin`).
         */
        post: operations["postApiProjects"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One project
         * @description A dashboard user: `Authorization: Bearer <jwt>` or the session cookie (writes with the cookie need a matching `Origin`).
         */
        get: operations["getApiProjectsById"];
        /**
         * Change project settings
         * @description A dashboard user: `Authorization: Bearer <jwt>` or the session cookie (writes with the cookie need a matching `Origin`).
         */
        put: operations["putApiProjectsById"];
        post?: never;
        /**
         * Delete a project and its provisioned children, crypto-shredding their data keys
         * @description A dashboard user: `Authorization: Bearer <jwt>` or the session cookie (writes with the cookie need a matching `Origin`).
         */
        delete: operations["deleteApiProjectsById"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{id}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Members of a project
         * @description A dashboard user: `Authorization: Bearer <jwt>` or the session cookie (writes with the cookie need a matching `Origin`).
         */
        get: operations["getApiProjectsByIdMembers"];
        put?: never;
        /**
         * Invite someone by email (the same 202 for any email; they join once they accept)
         * @description A dashboard user: `Authorization: Bearer <jwt>` or the session cookie (writes with the cookie need a matching `Origin`).
         *
         *     Rate-limited per signed-in user: 1000 per 60 s (`invite_inviter`).
         *
         *     Rate-limited per target address: 1000 per 60 s (`invite_email`).
         */
        post: operations["postApiProjectsByIdMembers"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{id}/members/{user_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Change a member's role
         * @description A dashboard user: `Authorization: Bearer <jwt>` or the session cookie (writes with the cookie need a matching `Origin`).
         */
        put: operations["putApiProjectsByIdMembersByUserId"];
        post?: never;
        /**
         * Remove a member
         * @description A dashboard user: `Authorization: Bearer <jwt>` or the session cookie (writes with the cookie need a matching `Origin`).
         */
        delete: operations["deleteApiProjectsByIdMembersByUserId"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/user/invitations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Invitations waiting for you
         * @description A dashboard user: `Authorization: Bearer <jwt>` or the session cookie (writes with the cookie need a matching `Origin`).
         */
        get: operations["getApiUserInvitations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/user/invitations/{id}/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Accept an invitation: you become a member with its role
         * @description A dashboard user: `Authorization: Bearer <jwt>` or the session cookie (writes with the cookie need a matching `Origin`).
         */
        post: operations["postApiUserInvitationsByIdAccept"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/user/invitations/{id}/decline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Decline an invitation
         * @description A dashboard user: `Authorization: Bearer <jwt>` or the session cookie (writes with the cookie need a matching `Origin`).
         */
        post: operations["postApiUserInvitationsByIdDecline"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{id}/invitations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A project's pending invitations
         * @description A dashboard user: `Authorization: Bearer <jwt>` or the session cookie (writes with the cookie need a matching `Origin`).
         */
        get: operations["getApiProjectsByIdInvitations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{id}/invitations/{invitation_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Withdraw a pending invitation
         * @description A dashboard user: `Authorization: Bearer <jwt>` or the session cookie (writes with the cookie need a matching `Origin`).
         */
        delete: operations["deleteApiProjectsByIdInvitationsByInvitationId"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/audit-logs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Audit entries, newest first; NDJSON export with Accept: application/x-ndjson
         * @description A dashboard user: `Authorization: Bearer <jwt>` or the session cookie (writes with the cookie need a matching `Origin`).
         */
        get: operations["getApiAuditLogs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/audit-logs/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Recheck a project's audit rows and seals and name the first bad entry
         * @description A dashboard user: `Authorization: Bearer <jwt>` or the session cookie (writes with the cookie need a matching `Origin`).
         */
        get: operations["getApiAuditLogsVerify"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/audit-logs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Audit entries in Ozura's shape (page, limit, total), newest first
         * @description A dashboard user: `Authorization: Bearer <jwt>` or the session cookie (writes with the cookie need a matching `Origin`).
         */
        get: operations["getAuditLogs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{id}/traffic": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A project's tokenize, detokenize and proxy calls per hour, from its audit log
         * @description A dashboard user: `Authorization: Bearer <jwt>` or the session cookie (writes with the cookie need a matching `Origin`).
         */
        get: operations["getApiProjectsByIdTraffic"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/proxy/transaction": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Forward a request to a payment processor with token data filled in
         * @description JSON form: the body below. Header mode: the PSP body itself (JSON, application/x-www-form-urlencoded, application/xml or text/xml), with X-Token, X-Proxy-URL and optionally X-CVC-Session-ID and X-HTTP-Method headers (or token, proxy_url, cvc_session_id, http_method in the query string). POST /tokenize with X-Proxy-URL is the same call.
         *
         *     An API key (`X-API-Key`) with the `tokenization` permission; with a Bearer JWT too, its user must be a member of the key’s project.
         */
        post: operations["postProxyTransaction"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/proxy/delete-cvc-session/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Delete a CVC session of this project
         * @description An API key (`X-API-Key`) with the `tokenization` permission; with a Bearer JWT too, its user must be a member of the key’s project.
         */
        delete: operations["deleteProxyDeleteCvcSessionById"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{id}/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A project's webhook endpoints (admin)
         * @description A dashboard user: `Authorization: Bearer <jwt>` or the session cookie (writes with the cookie need a matching `Origin`).
         */
        get: operations["getApiProjectsByIdWebhooks"];
        put?: never;
        /**
         * Create a webhook endpoint (admin): its signing secret is in this answer only
         * @description A dashboard user: `Authorization: Bearer <jwt>` or the session cookie (writes with the cookie need a matching `Origin`).
         */
        post: operations["postApiProjectsByIdWebhooks"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{id}/webhooks/{webhook_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One webhook endpoint (admin)
         * @description A dashboard user: `Authorization: Bearer <jwt>` or the session cookie (writes with the cookie need a matching `Origin`).
         */
        get: operations["getApiProjectsByIdWebhooksByWebhookId"];
        /**
         * Change a webhook's URL, events or description (admin)
         * @description A dashboard user: `Authorization: Bearer <jwt>` or the session cookie (writes with the cookie need a matching `Origin`).
         */
        put: operations["putApiProjectsByIdWebhooksByWebhookId"];
        post?: never;
        /**
         * Delete a webhook endpoint (admin); its pending deliveries stop
         * @description A dashboard user: `Authorization: Bearer <jwt>` or the session cookie (writes with the cookie need a matching `Origin`).
         */
        delete: operations["deleteApiProjectsByIdWebhooksByWebhookId"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{id}/webhooks/{webhook_id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A webhook's delivery log, newest first (admin)
         * @description A dashboard user: `Authorization: Bearer <jwt>` or the session cookie (writes with the cookie need a matching `Origin`).
         */
        get: operations["getApiProjectsByIdWebhooksByWebhookIdDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{id}/webhooks/{webhook_id}/deliveries/{delivery_id}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a delivery again now, with a fresh 24 h of retries (admin)
         * @description A dashboard user: `Authorization: Bearer <jwt>` or the session cookie (writes with the cookie need a matching `Origin`).
         */
        post: operations["postApiProjectsByIdWebhooksByWebhookIdDeliveriesByDeliveryIdRetry"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{id}/routes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A project's inbound routes
         * @description A dashboard user: `Authorization: Bearer <jwt>` or the session cookie (writes with the cookie need a matching `Origin`).
         */
        get: operations["getApiProjectsByIdRoutes"];
        put?: never;
        /**
         * Create an inbound route (admin or owner): partners send card data to its url
         * @description A dashboard user: `Authorization: Bearer <jwt>` or the session cookie (writes with the cookie need a matching `Origin`).
         */
        post: operations["postApiProjectsByIdRoutes"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{id}/routes/{route_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One inbound route
         * @description A dashboard user: `Authorization: Bearer <jwt>` or the session cookie (writes with the cookie need a matching `Origin`).
         */
        get: operations["getApiProjectsByIdRoutesByRouteId"];
        /**
         * Replace an inbound route (admin or owner); its id and url stay
         * @description A dashboard user: `Authorization: Bearer <jwt>` or the session cookie (writes with the cookie need a matching `Origin`).
         */
        put: operations["putApiProjectsByIdRoutesByRouteId"];
        post?: never;
        /**
         * Delete an inbound route (admin or owner): its url answers 404 from now on
         * @description A dashboard user: `Authorization: Bearer <jwt>` or the session cookie (writes with the cookie need a matching `Origin`).
         */
        delete: operations["deleteApiProjectsByIdRoutesByRouteId"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/inbound/{route_id}/{path}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send card data to a merchant through an inbound route
         * @description Any of GET, POST, PUT, PATCH, DELETE (documented here as POST). The fields the route names are tokenized into its project and the request is forwarded to the route's upstream_url with the rest of the path and the query string; the answer is the upstream's (status, body, safe headers). Body: application/json or application/x-www-form-urlencoded, as the route says; at most 1 MiB.
         *
         *     No API key: the route id is the capability. Rate-limited per route: 600 per 60 s by default (`inbound_route`).
         *
         *     No authentication.
         */
        post: operations["postInboundByRouteIdByPath"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Process is up
         * @description No authentication.
         */
        get: operations["getHealthz"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Database reachable (503 otherwise)
         * @description No authentication.
         */
        get: operations["getReadyz"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description The one error shape: every answer ≥ 400 (docs/api.md §0, docs/errors.md). */
        Error: {
            /** @enum {boolean} */
            success: false;
            message: string;
            /** @enum {object|null} */
            data: never | null;
            error: {
                code: string;
                request_id: string;
                details?: {
                    path: string;
                    message: string;
                }[];
            } & {
                [key: string]: unknown;
            };
            /** Format: int64 */
            retry_after_seconds?: number;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    postTokenize: {
        parameters: {
            query?: never;
            header?: {
                "x-api-key"?: string;
                "x-pub-key"?: string;
                "x-session-key"?: string;
                /** @description Optional, 1–255 printable ASCII characters. A retry with the same key and request answers the first status and body with Idempotent-Replayed: true (docs/idempotency.md); another request under the key → 422, while the first runs → 409. */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "type": "card",
                 *       "data": {
                 *         "cardNumber": "4111111111111111",
                 *         "expirationMonth": "12",
                 *         "expirationYear": "2030",
                 *         "cvv": "123"
                 *       }
                 *     }
                 */
                "application/json": {
                    type?: "card" | "bank" | "string";
                    /** @description By `type`: a card, a bank account, or a string. */
                    data?: {
                        /** @description 13–19 digits; spaces and dashes are ignored */
                        cardNumber: string;
                        expirationMonth: string | number;
                        expirationYear: string | number;
                        /** @description Kept only in a 90-second CVC session */
                        cvv?: string;
                        /** @description Alias of cvv */
                        cvc?: string;
                        holderName?: string;
                    } | {
                        accountNumber: string;
                        routingNumber: string;
                        holderName?: string;
                        firstName?: string;
                        lastName?: string;
                    } | string;
                    deduplicate?: boolean;
                    /** @description How the token looks (docs/tokens.md, "Formats"); default: the project's token_format, random unless set */
                    format?: "random" | "uuid" | "numeric" | "card_preserving" | "last4_preserving" | "fpe";
                    /** @description Digit formats: the token passes Luhn (default: it fails, so it is never a chargeable number) */
                    luhn?: boolean;
                    /** @description Your own token id (a migration from another vault); never a Luhn-valid digit string */
                    token?: string;
                    /** Format: int32 */
                    ttl_seconds?: number | null;
                    /** @description ≤ 4 KiB of JSON, stored in clear */
                    metadata?: {
                        [key: string]: unknown;
                    } | null;
                    /** @description How the masked card number is shown (at most the first 6 and last 4 digits) */
                    maskingConfig?: {
                        /**
                         * Format: int32
                         * @default 6
                         */
                        visible_first?: number;
                        /**
                         * Format: int32
                         * @default 4
                         */
                        visible_last?: number;
                        /** @description One character, not a digit; default * */
                        mask_char?: string;
                    };
                    /** @description Only with JWT authentication */
                    project_id?: string;
                    /** @description A batch: each item as a single call’s body, checked alone. */
                    items?: ({
                        /** @enum {string} */
                        type: "card";
                        data: {
                            /** @description 13–19 digits; spaces and dashes are ignored */
                            cardNumber: string;
                            expirationMonth: string | number;
                            expirationYear: string | number;
                            /** @description Kept only in a 90-second CVC session */
                            cvv?: string;
                            /** @description Alias of cvv */
                            cvc?: string;
                            holderName?: string;
                        };
                        deduplicate?: boolean;
                        /** @description How the token looks (docs/tokens.md, "Formats"); default: the project's token_format, random unless set */
                        format?: "random" | "uuid" | "numeric" | "card_preserving" | "last4_preserving" | "fpe";
                        /** @description Digit formats: the token passes Luhn (default: it fails, so it is never a chargeable number) */
                        luhn?: boolean;
                        /** @description Your own token id (a migration from another vault); never a Luhn-valid digit string */
                        token?: string;
                        /** Format: int32 */
                        ttl_seconds?: number | null;
                        /** @description ≤ 4 KiB of JSON, stored in clear */
                        metadata?: {
                            [key: string]: unknown;
                        } | null;
                        /** @description How the masked card number is shown (at most the first 6 and last 4 digits) */
                        maskingConfig?: {
                            /**
                             * Format: int32
                             * @default 6
                             */
                            visible_first?: number;
                            /**
                             * Format: int32
                             * @default 4
                             */
                            visible_last?: number;
                            /** @description One character, not a digit; default * */
                            mask_char?: string;
                        };
                    } | {
                        /** @enum {string} */
                        type: "bank";
                        data: {
                            accountNumber: string;
                            routingNumber: string;
                            holderName?: string;
                            firstName?: string;
                            lastName?: string;
                        };
                        deduplicate?: boolean;
                        /** @description How the token looks (docs/tokens.md, "Formats"); default: the project's token_format, random unless set */
                        format?: "random" | "uuid" | "numeric" | "card_preserving" | "last4_preserving" | "fpe";
                        /** @description Digit formats: the token passes Luhn (default: it fails, so it is never a chargeable number) */
                        luhn?: boolean;
                        /** @description Your own token id (a migration from another vault); never a Luhn-valid digit string */
                        token?: string;
                        /** Format: int32 */
                        ttl_seconds?: number | null;
                        /** @description ≤ 4 KiB of JSON, stored in clear */
                        metadata?: {
                            [key: string]: unknown;
                        } | null;
                        /** @description How the masked card number is shown (at most the first 6 and last 4 digits) */
                        maskingConfig?: {
                            /**
                             * Format: int32
                             * @default 6
                             */
                            visible_first?: number;
                            /**
                             * Format: int32
                             * @default 4
                             */
                            visible_last?: number;
                            /** @description One character, not a digit; default * */
                            mask_char?: string;
                        };
                    } | {
                        /** @enum {string} */
                        type: "string";
                        /** @description Any UTF-8 string of 1–4096 bytes */
                        data: string;
                        deduplicate?: boolean;
                        /** @description How the token looks (docs/tokens.md, "Formats"); default: the project's token_format, random unless set */
                        format?: "random" | "uuid" | "numeric" | "card_preserving" | "last4_preserving" | "fpe";
                        /** @description Digit formats: the token passes Luhn (default: it fails, so it is never a chargeable number) */
                        luhn?: boolean;
                        /** @description Your own token id (a migration from another vault); never a Luhn-valid digit string */
                        token?: string;
                        /** Format: int32 */
                        ttl_seconds?: number | null;
                        /** @description ≤ 4 KiB of JSON, stored in clear */
                        metadata?: {
                            [key: string]: unknown;
                        } | null;
                        /** @description How the masked card number is shown (at most the first 6 and last 4 digits) */
                        maskingConfig?: {
                            /**
                             * Format: int32
                             * @default 6
                             */
                            visible_first?: number;
                            /**
                             * Format: int32
                             * @default 4
                             */
                            visible_last?: number;
                            /** @description One character, not a digit; default * */
                            mask_char?: string;
                        };
                    })[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        items: ({
                            /** @enum {boolean} */
                            success: true;
                            token: string;
                            type: string;
                            data: {
                                [key: string]: string;
                            } | null;
                            mask: {
                                [key: string]: string;
                            };
                            bin?: string;
                            brand?: string;
                            last4?: string;
                            card?: {
                                /** @description The network as credit-card-type names it: visa, mastercard, american-express, discover, diners-club, jcb, unionpay, maestro, mir, elo, hiper, hipercard, troy, naranja, verve, or unknown */
                                brand: string;
                                bin: string;
                                last4: string;
                                /** Format: int64 */
                                length: number;
                                /** Format: int64 */
                                cvv_length: number;
                                expirationMonth: string;
                                expirationYear: string;
                            };
                            /** @description Only when a CVV was sent */
                            cvc_session_id?: string;
                            /** @description Only when deduplication applied */
                            fingerprint?: string;
                            deduplicated: boolean;
                            created_at: string;
                            expires_at: string | null;
                            metadata: {
                                [key: string]: unknown;
                            } | null;
                        } | {
                            /** @enum {boolean} */
                            success: false;
                            message: string;
                            error: {
                                code: string;
                                details?: {
                                    path: string;
                                    message: string;
                                }[];
                            };
                        })[];
                    };
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        token: string;
                        type: string;
                        data: {
                            [key: string]: string;
                        } | null;
                        mask: {
                            [key: string]: string;
                        };
                        bin?: string;
                        brand?: string;
                        last4?: string;
                        card?: {
                            /** @description The network as credit-card-type names it: visa, mastercard, american-express, discover, diners-club, jcb, unionpay, maestro, mir, elo, hiper, hipercard, troy, naranja, verve, or unknown */
                            brand: string;
                            bin: string;
                            last4: string;
                            /** Format: int64 */
                            length: number;
                            /** Format: int64 */
                            cvv_length: number;
                            expirationMonth: string;
                            expirationYear: string;
                        };
                        /** @description Only when a CVV was sent */
                        cvc_session_id?: string;
                        /** @description Only when deduplication applied */
                        fingerprint?: string;
                        deduplicated: boolean;
                        created_at: string;
                        expires_at: string | null;
                        metadata: {
                            [key: string]: unknown;
                        } | null;
                    };
                };
            };
            /** @description The request is malformed or fails its schema (`validation_error`, `invalid_json`, `invalid_request`, …). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials are missing or wrong (see the operation’s security). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed: a missing permission or role, MFA not yet verified, a failed CSRF check. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Nothing of that id is visible to the caller. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Over a rate limit: retry after `Retry-After` seconds (also in `retry_after_seconds`). */
            429: {
                headers: {
                    /** @description Requests allowed in the window. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets. */
                    "RateLimit-Reset"?: number;
                    /** @description `<limit>;w=<seconds>`. */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: a fault of the vault; the `request_id` finds it in the logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `service_unavailable`: the database is unreachable or the node is shutting down. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postDetokenize: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "token": "tok_3kT9xQ2mVb7LwR1s"
                 *     }
                 */
                "application/json": {
                    token?: string;
                    tokens?: string[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        token: string;
                        type: string;
                        data: {
                            [key: string]: string;
                        } | string;
                        card?: {
                            /** @description The network as credit-card-type names it: visa, mastercard, american-express, discover, diners-club, jcb, unionpay, maestro, mir, elo, hiper, hipercard, troy, naranja, verve, or unknown */
                            brand: string;
                            bin: string;
                            last4: string;
                            /** Format: int64 */
                            length: number;
                            /** Format: int64 */
                            cvv_length: number;
                            expirationMonth: string;
                            expirationYear: string;
                        };
                        metadata: {
                            [key: string]: unknown;
                        } | null;
                    } | {
                        /** @enum {boolean} */
                        success: true;
                        items: ({
                            token: string;
                            data: {
                                [key: string]: string;
                            } | string;
                            card?: {
                                /** @description The network as credit-card-type names it: visa, mastercard, american-express, discover, diners-club, jcb, unionpay, maestro, mir, elo, hiper, hipercard, troy, naranja, verve, or unknown */
                                brand: string;
                                bin: string;
                                last4: string;
                                /** Format: int64 */
                                length: number;
                                /** Format: int64 */
                                cvv_length: number;
                                expirationMonth: string;
                                expirationYear: string;
                            };
                        } | {
                            token: string;
                            error: {
                                code: string;
                            };
                        })[];
                    };
                };
            };
            /** @description The request is malformed or fails its schema (`validation_error`, `invalid_json`, `invalid_request`, …). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials are missing or wrong (see the operation’s security). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed: a missing permission or role, MFA not yet verified, a failed CSRF check. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: a fault of the vault; the `request_id` finds it in the logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `service_unavailable`: the database is unreachable or the node is shutting down. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postTestTokens: {
        parameters: {
            query?: never;
            header?: {
                /** @description Optional, 1–255 printable ASCII characters. A retry with the same key and request answers the first status and body with Idempotent-Replayed: true (docs/idempotency.md); another request under the key → 422, while the first runs → 409. */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    cardNumber: string;
                    expirationMonth: string | number;
                    expirationYear: string | number;
                    cvc: string;
                    firstName?: string;
                    lastName?: string;
                    project_id?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        token: string;
                        cvc_session_id: string;
                        mask: {
                            card_number: string;
                        };
                        bin: string;
                        /** @enum {boolean} */
                        test_mode: true;
                        expires_in: string;
                    };
                };
            };
            /** @description The request is malformed or fails its schema (`validation_error`, `invalid_json`, `invalid_request`, …). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials are missing or wrong (see the operation’s security). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed: a missing permission or role, MFA not yet verified, a failed CSRF check. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Nothing of that id is visible to the caller. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: a fault of the vault; the `request_id` finds it in the logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `service_unavailable`: the database is unreachable or the node is shutting down. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiTokens: {
        parameters: {
            query: {
                project_id: string;
                type?: "card" | "bank" | "string";
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: {
                            token: string;
                            project_id: string;
                            type: string;
                            format: string;
                            data: {
                                [key: string]: string;
                            } | null;
                            mask: {
                                [key: string]: string;
                            };
                            bin?: string;
                            brand?: string;
                            last4?: string;
                            card?: {
                                /** @description The network as credit-card-type names it: visa, mastercard, american-express, discover, diners-club, jcb, unionpay, maestro, mir, elo, hiper, hipercard, troy, naranja, verve, or unknown */
                                brand: string;
                                bin: string;
                                last4: string;
                                /** Format: int64 */
                                length: number;
                                /** Format: int64 */
                                cvv_length: number;
                                expirationMonth: string;
                                expirationYear: string;
                            };
                            test: boolean;
                            metadata: {
                                [key: string]: unknown;
                            } | null;
                            app_id: string | null;
                            created_at: string;
                            expires_at: string | null;
                        }[];
                        next_cursor: string | null;
                    };
                };
            };
            /** @description The request is malformed or fails its schema (`validation_error`, `invalid_json`, `invalid_request`, …). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials are missing or wrong (see the operation’s security). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed: a missing permission or role, MFA not yet verified, a failed CSRF check. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: a fault of the vault; the `request_id` finds it in the logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `service_unavailable`: the database is unreachable or the node is shutting down. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getTokens: {
        parameters: {
            query: {
                project_id: string;
                type?: "card" | "bank" | "string";
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: {
                            token: string;
                            project_id: string;
                            type: string;
                            format: string;
                            data: {
                                [key: string]: string;
                            } | null;
                            mask: {
                                [key: string]: string;
                            };
                            bin?: string;
                            brand?: string;
                            last4?: string;
                            card?: {
                                /** @description The network as credit-card-type names it: visa, mastercard, american-express, discover, diners-club, jcb, unionpay, maestro, mir, elo, hiper, hipercard, troy, naranja, verve, or unknown */
                                brand: string;
                                bin: string;
                                last4: string;
                                /** Format: int64 */
                                length: number;
                                /** Format: int64 */
                                cvv_length: number;
                                expirationMonth: string;
                                expirationYear: string;
                            };
                            test: boolean;
                            metadata: {
                                [key: string]: unknown;
                            } | null;
                            app_id: string | null;
                            created_at: string;
                            expires_at: string | null;
                        }[];
                        next_cursor: string | null;
                    };
                };
            };
            /** @description The request is malformed or fails its schema (`validation_error`, `invalid_json`, `invalid_request`, …). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials are missing or wrong (see the operation’s security). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed: a missing permission or role, MFA not yet verified, a failed CSRF check. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: a fault of the vault; the `request_id` finds it in the logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `service_unavailable`: the database is unreachable or the node is shutting down. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiTokensByToken: {
        parameters: {
            query?: {
                project_id?: string;
            };
            header?: never;
            path: {
                token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: {
                            token: string;
                            project_id: string;
                            type: string;
                            format: string;
                            data: {
                                [key: string]: string;
                            } | null;
                            mask: {
                                [key: string]: string;
                            };
                            bin?: string;
                            brand?: string;
                            last4?: string;
                            card?: {
                                /** @description The network as credit-card-type names it: visa, mastercard, american-express, discover, diners-club, jcb, unionpay, maestro, mir, elo, hiper, hipercard, troy, naranja, verve, or unknown */
                                brand: string;
                                bin: string;
                                last4: string;
                                /** Format: int64 */
                                length: number;
                                /** Format: int64 */
                                cvv_length: number;
                                expirationMonth: string;
                                expirationYear: string;
                            };
                            test: boolean;
                            metadata: {
                                [key: string]: unknown;
                            } | null;
                            app_id: string | null;
                            created_at: string;
                            expires_at: string | null;
                        };
                    };
                };
            };
            /** @description The request is malformed or fails its schema (`validation_error`, `invalid_json`, `invalid_request`, …). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials are missing or wrong (see the operation’s security). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed: a missing permission or role, MFA not yet verified, a failed CSRF check. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Nothing of that id is visible to the caller. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: a fault of the vault; the `request_id` finds it in the logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `service_unavailable`: the database is unreachable or the node is shutting down. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteApiTokensByToken: {
        parameters: {
            query?: {
                project_id?: string;
            };
            header?: never;
            path: {
                token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: Record<string, never>;
                    };
                };
            };
            /** @description The request is malformed or fails its schema (`validation_error`, `invalid_json`, `invalid_request`, …). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials are missing or wrong (see the operation’s security). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed: a missing permission or role, MFA not yet verified, a failed CSRF check. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Nothing of that id is visible to the caller. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: a fault of the vault; the `request_id` finds it in the logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `service_unavailable`: the database is unreachable or the node is shutting down. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    patchApiTokensByToken: {
        parameters: {
            query?: {
                project_id?: string;
            };
            header?: {
                /** @description Optional, 1–255 printable ASCII characters. A retry with the same key and request answers the first status and body with Idempotent-Replayed: true (docs/idempotency.md); another request under the key → 422, while the first runs → 409. */
                "idempotency-key"?: string;
            };
            path: {
                token: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "data": {
                 *         "expirationMonth": "09",
                 *         "expirationYear": "2031"
                 *       }
                 *     }
                 */
                "application/json": {
                    /** @description ≤ 4 KiB of JSON, stored in clear */
                    metadata?: {
                        [key: string]: unknown;
                    } | null;
                    /**
                     * Format: int32
                     * @description The token expires this many seconds from now
                     */
                    ttl_seconds?: number;
                    /**
                     * Format: date-time
                     * @description When the token expires; null: never
                     */
                    expires_at?: string | null;
                    data?: {
                        expirationMonth: string | number;
                        expirationYear: string | number;
                        holderName?: string;
                        cardNumber?: unknown;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: {
                            token: string;
                            project_id: string;
                            type: string;
                            format: string;
                            data: {
                                [key: string]: string;
                            } | null;
                            mask: {
                                [key: string]: string;
                            };
                            bin?: string;
                            brand?: string;
                            last4?: string;
                            card?: {
                                /** @description The network as credit-card-type names it: visa, mastercard, american-express, discover, diners-club, jcb, unionpay, maestro, mir, elo, hiper, hipercard, troy, naranja, verve, or unknown */
                                brand: string;
                                bin: string;
                                last4: string;
                                /** Format: int64 */
                                length: number;
                                /** Format: int64 */
                                cvv_length: number;
                                expirationMonth: string;
                                expirationYear: string;
                            };
                            test: boolean;
                            metadata: {
                                [key: string]: unknown;
                            } | null;
                            app_id: string | null;
                            created_at: string;
                            expires_at: string | null;
                        };
                    };
                };
            };
            /** @description The request is malformed or fails its schema (`validation_error`, `invalid_json`, `invalid_request`, …). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials are missing or wrong (see the operation’s security). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed: a missing permission or role, MFA not yet verified, a failed CSRF check. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Nothing of that id is visible to the caller. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: a fault of the vault; the `request_id` finds it in the logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `service_unavailable`: the database is unreachable or the node is shutting down. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiTokensSearch: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "project_id": "proj_…",
                 *       "bin": "411111"
                 *     }
                 */
                "application/json": {
                    project_id: string;
                    type?: "card" | "bank" | "string";
                    /** @description The top-level brand (visa, mastercard, amex, …) or the card object’s network name (american-express, diners-club) */
                    brand?: string;
                    /** @description The first 6 (or 8) digits */
                    bin?: string;
                    /** @description The last 4 digits */
                    last4?: string;
                    /** Format: int32 */
                    expiration_month?: number;
                    /** Format: int32 */
                    expiration_year?: number;
                    /** @description Tokens whose metadata has every key with exactly this JSON value (≤ 1 KiB in all) */
                    metadata?: {
                        [key: string]: unknown;
                    };
                    /** @description Full-value search (keyed blind index): an API key with the detokenization permission only */
                    card_number?: string;
                    /** @description Full-value search, with routing_number: an API key with the detokenization permission only */
                    account_number?: string;
                    routing_number?: string;
                    /** Format: date-time */
                    created_from?: string;
                    /**
                     * Format: date-time
                     * @description Exclusive
                     */
                    created_to?: string;
                    /**
                     * Format: int32
                     * @default 50
                     */
                    limit?: number;
                    cursor?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    /** @description Requests allowed in the window. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets. */
                    "RateLimit-Reset"?: number;
                    /** @description `<limit>;w=<seconds>`. */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: {
                            token: string;
                            project_id: string;
                            type: string;
                            format: string;
                            data: {
                                [key: string]: string;
                            } | null;
                            mask: {
                                [key: string]: string;
                            };
                            bin?: string;
                            brand?: string;
                            last4?: string;
                            card?: {
                                /** @description The network as credit-card-type names it: visa, mastercard, american-express, discover, diners-club, jcb, unionpay, maestro, mir, elo, hiper, hipercard, troy, naranja, verve, or unknown */
                                brand: string;
                                bin: string;
                                last4: string;
                                /** Format: int64 */
                                length: number;
                                /** Format: int64 */
                                cvv_length: number;
                                expirationMonth: string;
                                expirationYear: string;
                            };
                            test: boolean;
                            metadata: {
                                [key: string]: unknown;
                            } | null;
                            app_id: string | null;
                            created_at: string;
                            expires_at: string | null;
                        }[];
                        next_cursor: string | null;
                    };
                };
            };
            /** @description The request is malformed or fails its schema (`validation_error`, `invalid_json`, `invalid_request`, …). */
            400: {
                headers: {
                    /** @description Requests allowed in the window. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets. */
                    "RateLimit-Reset"?: number;
                    /** @description `<limit>;w=<seconds>`. */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials are missing or wrong (see the operation’s security). */
            401: {
                headers: {
                    /** @description Requests allowed in the window. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets. */
                    "RateLimit-Reset"?: number;
                    /** @description `<limit>;w=<seconds>`. */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed: a missing permission or role, MFA not yet verified, a failed CSRF check. */
            403: {
                headers: {
                    /** @description Requests allowed in the window. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets. */
                    "RateLimit-Reset"?: number;
                    /** @description `<limit>;w=<seconds>`. */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Over a rate limit: retry after `Retry-After` seconds (also in `retry_after_seconds`). */
            429: {
                headers: {
                    /** @description Requests allowed in the window. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets. */
                    "RateLimit-Reset"?: number;
                    /** @description `<limit>;w=<seconds>`. */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: a fault of the vault; the `request_id` finds it in the logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `service_unavailable`: the database is unreachable or the node is shutting down. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    /** @description Requests allowed in the window. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets. */
                    "RateLimit-Reset"?: number;
                    /** @description `<limit>;w=<seconds>`. */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    patchTokensByToken: {
        parameters: {
            query?: never;
            header?: {
                /** @description Optional, 1–255 printable ASCII characters. A retry with the same key and request answers the first status and body with Idempotent-Replayed: true (docs/idempotency.md); another request under the key → 422, while the first runs → 409. */
                "idempotency-key"?: string;
            };
            path: {
                token: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "data": {
                 *         "expirationMonth": "09",
                 *         "expirationYear": "2031"
                 *       }
                 *     }
                 */
                "application/json": {
                    /** @description ≤ 4 KiB of JSON, stored in clear */
                    metadata?: {
                        [key: string]: unknown;
                    } | null;
                    /**
                     * Format: int32
                     * @description The token expires this many seconds from now
                     */
                    ttl_seconds?: number;
                    /**
                     * Format: date-time
                     * @description When the token expires; null: never
                     */
                    expires_at?: string | null;
                    data?: {
                        expirationMonth: string | number;
                        expirationYear: string | number;
                        holderName?: string;
                        cardNumber?: unknown;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: {
                            token: string;
                            project_id: string;
                            type: string;
                            format: string;
                            data: {
                                [key: string]: string;
                            } | null;
                            mask: {
                                [key: string]: string;
                            };
                            bin?: string;
                            brand?: string;
                            last4?: string;
                            card?: {
                                /** @description The network as credit-card-type names it: visa, mastercard, american-express, discover, diners-club, jcb, unionpay, maestro, mir, elo, hiper, hipercard, troy, naranja, verve, or unknown */
                                brand: string;
                                bin: string;
                                last4: string;
                                /** Format: int64 */
                                length: number;
                                /** Format: int64 */
                                cvv_length: number;
                                expirationMonth: string;
                                expirationYear: string;
                            };
                            test: boolean;
                            metadata: {
                                [key: string]: unknown;
                            } | null;
                            app_id: string | null;
                            created_at: string;
                            expires_at: string | null;
                        };
                    };
                };
            };
            /** @description The request is malformed or fails its schema (`validation_error`, `invalid_json`, `invalid_request`, …). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials are missing or wrong (see the operation’s security). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed: a missing permission or role, MFA not yet verified, a failed CSRF check. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Nothing of that id is visible to the caller. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: a fault of the vault; the `request_id` finds it in the logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `service_unavailable`: the database is unreachable or the node is shutting down. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postTokensSearch: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "brand": "visa",
                 *       "last4": "1111"
                 *     }
                 */
                "application/json": {
                    type?: "card" | "bank" | "string";
                    /** @description The top-level brand (visa, mastercard, amex, …) or the card object’s network name (american-express, diners-club) */
                    brand?: string;
                    /** @description The first 6 (or 8) digits */
                    bin?: string;
                    /** @description The last 4 digits */
                    last4?: string;
                    /** Format: int32 */
                    expiration_month?: number;
                    /** Format: int32 */
                    expiration_year?: number;
                    /** @description Tokens whose metadata has every key with exactly this JSON value (≤ 1 KiB in all) */
                    metadata?: {
                        [key: string]: unknown;
                    };
                    /** @description Full-value search (keyed blind index): an API key with the detokenization permission only */
                    card_number?: string;
                    /** @description Full-value search, with routing_number: an API key with the detokenization permission only */
                    account_number?: string;
                    routing_number?: string;
                    /** Format: date-time */
                    created_from?: string;
                    /**
                     * Format: date-time
                     * @description Exclusive
                     */
                    created_to?: string;
                    /**
                     * Format: int32
                     * @default 50
                     */
                    limit?: number;
                    cursor?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    /** @description Requests allowed in the window. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets. */
                    "RateLimit-Reset"?: number;
                    /** @description `<limit>;w=<seconds>`. */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: {
                            token: string;
                            project_id: string;
                            type: string;
                            format: string;
                            data: {
                                [key: string]: string;
                            } | null;
                            mask: {
                                [key: string]: string;
                            };
                            bin?: string;
                            brand?: string;
                            last4?: string;
                            card?: {
                                /** @description The network as credit-card-type names it: visa, mastercard, american-express, discover, diners-club, jcb, unionpay, maestro, mir, elo, hiper, hipercard, troy, naranja, verve, or unknown */
                                brand: string;
                                bin: string;
                                last4: string;
                                /** Format: int64 */
                                length: number;
                                /** Format: int64 */
                                cvv_length: number;
                                expirationMonth: string;
                                expirationYear: string;
                            };
                            test: boolean;
                            metadata: {
                                [key: string]: unknown;
                            } | null;
                            app_id: string | null;
                            created_at: string;
                            expires_at: string | null;
                        }[];
                        next_cursor: string | null;
                    };
                };
            };
            /** @description The request is malformed or fails its schema (`validation_error`, `invalid_json`, `invalid_request`, …). */
            400: {
                headers: {
                    /** @description Requests allowed in the window. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets. */
                    "RateLimit-Reset"?: number;
                    /** @description `<limit>;w=<seconds>`. */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials are missing or wrong (see the operation’s security). */
            401: {
                headers: {
                    /** @description Requests allowed in the window. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets. */
                    "RateLimit-Reset"?: number;
                    /** @description `<limit>;w=<seconds>`. */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed: a missing permission or role, MFA not yet verified, a failed CSRF check. */
            403: {
                headers: {
                    /** @description Requests allowed in the window. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets. */
                    "RateLimit-Reset"?: number;
                    /** @description `<limit>;w=<seconds>`. */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Over a rate limit: retry after `Retry-After` seconds (also in `retry_after_seconds`). */
            429: {
                headers: {
                    /** @description Requests allowed in the window. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets. */
                    "RateLimit-Reset"?: number;
                    /** @description `<limit>;w=<seconds>`. */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: a fault of the vault; the `request_id` finds it in the logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `service_unavailable`: the database is unreachable or the node is shutting down. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    /** @description Requests allowed in the window. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets. */
                    "RateLimit-Reset"?: number;
                    /** @description `<limit>;w=<seconds>`. */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postSessions: {
        parameters: {
            query?: never;
            header?: {
                /** @description Optional, 1–255 printable ASCII characters. A retry with the same key and request answers the first status and body with Idempotent-Replayed: true (docs/idempotency.md); another request under the key → 422, while the first runs → 409. */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "session_limit": 1,
                 *       "ttl_seconds": 900
                 *     }
                 */
                "application/json": {
                    /** Format: int32 */
                    session_limit?: number;
                    /** Format: int32 */
                    ttl_seconds?: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: {
                            session_key: string;
                            /** Format: int64 */
                            session_limit: number;
                            expires_at: string;
                        };
                    };
                };
            };
            /** @description The request is malformed or fails its schema (`validation_error`, `invalid_json`, `invalid_request`, …). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials are missing or wrong (see the operation’s security). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed: a missing permission or role, MFA not yet verified, a failed CSRF check. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: a fault of the vault; the `request_id` finds it in the logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `service_unavailable`: the database is unreachable or the node is shutting down. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteSessionsBySessionKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                session_key: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: Record<string, never>;
                    };
                };
            };
            /** @description The request is malformed or fails its schema (`validation_error`, `invalid_json`, `invalid_request`, …). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials are missing or wrong (see the operation’s security). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed: a missing permission or role, MFA not yet verified, a failed CSRF check. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Nothing of that id is visible to the caller. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: a fault of the vault; the `request_id` finds it in the logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `service_unavailable`: the database is unreachable or the node is shutting down. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiApplicationsKey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        /** @enum {string} */
                        message: "API key is valid";
                        data: {
                            project_id: string;
                            application_id: string;
                            name: string;
                            permissions: {
                                tokenization?: {
                                    allowed: boolean;
                                };
                                provisioning?: {
                                    allowed: boolean;
                                };
                                detokenization?: {
                                    allowed: boolean;
                                };
                            };
                            /** @enum {boolean} */
                            valid: true;
                            application: {
                                id: string;
                                name: string;
                                permissions: {
                                    tokenization?: {
                                        allowed: boolean;
                                    };
                                    provisioning?: {
                                        allowed: boolean;
                                    };
                                    detokenization?: {
                                        allowed: boolean;
                                    };
                                };
                            };
                            project: {
                                id: string;
                                name: string;
                                environment: string;
                            };
                        };
                    };
                };
            };
            /** @description The request is malformed or fails its schema (`validation_error`, `invalid_json`, `invalid_request`, …). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials are missing or wrong (see the operation’s security). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed: a missing permission or role, MFA not yet verified, a failed CSRF check. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: a fault of the vault; the `request_id` finds it in the logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `service_unavailable`: the database is unreachable or the node is shutting down. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiApplications: {
        parameters: {
            query: {
                project_id: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: {
                            id: string;
                            project_id: string;
                            name: string;
                            key_prefix: string;
                            pub_key: string;
                            permissions: {
                                tokenization?: {
                                    allowed: boolean;
                                };
                                provisioning?: {
                                    allowed: boolean;
                                };
                                detokenization?: {
                                    allowed: boolean;
                                };
                            };
                            created_at: string;
                            updated_at: string;
                            last_used_at: string | null;
                        }[];
                    };
                };
            };
            /** @description The request is malformed or fails its schema (`validation_error`, `invalid_json`, `invalid_request`, …). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials are missing or wrong (see the operation’s security). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed: a missing permission or role, MFA not yet verified, a failed CSRF check. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: a fault of the vault; the `request_id` finds it in the logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `service_unavailable`: the database is unreachable or the node is shutting down. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiApplications: {
        parameters: {
            query?: never;
            header?: {
                /** @description Optional, 1–255 printable ASCII characters. A retry with the same key and request answers the first status and body with Idempotent-Replayed: true (docs/idempotency.md); another request under the key → 422, while the first runs → 409. */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    project_id: string;
                    name: string;
                    permissions: {
                        tokenization?: {
                            allowed: boolean;
                        };
                        provisioning?: {
                            allowed: boolean;
                        };
                        detokenization?: {
                            allowed: boolean;
                        };
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: {
                            id: string;
                            name: string;
                            api_key: string;
                            pub_key: string;
                            permissions: {
                                tokenization?: {
                                    allowed: boolean;
                                };
                                provisioning?: {
                                    allowed: boolean;
                                };
                                detokenization?: {
                                    allowed: boolean;
                                };
                            };
                            created_at: string;
                            project_id: string;
                            key_prefix: string;
                        };
                    };
                };
            };
            /** @description The request is malformed or fails its schema (`validation_error`, `invalid_json`, `invalid_request`, …). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials are missing or wrong (see the operation’s security). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed: a missing permission or role, MFA not yet verified, a failed CSRF check. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: a fault of the vault; the `request_id` finds it in the logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `service_unavailable`: the database is unreachable or the node is shutting down. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiApplicationsById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: {
                            id: string;
                            project_id: string;
                            name: string;
                            key_prefix: string;
                            pub_key: string;
                            permissions: {
                                tokenization?: {
                                    allowed: boolean;
                                };
                                provisioning?: {
                                    allowed: boolean;
                                };
                                detokenization?: {
                                    allowed: boolean;
                                };
                            };
                            created_at: string;
                            updated_at: string;
                            last_used_at: string | null;
                        };
                    };
                };
            };
            /** @description The request is malformed or fails its schema (`validation_error`, `invalid_json`, `invalid_request`, …). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials are missing or wrong (see the operation’s security). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed: a missing permission or role, MFA not yet verified, a failed CSRF check. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Nothing of that id is visible to the caller. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: a fault of the vault; the `request_id` finds it in the logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `service_unavailable`: the database is unreachable or the node is shutting down. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    putApiApplicationsById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                    permissions?: {
                        tokenization?: {
                            allowed: boolean;
                        };
                        provisioning?: {
                            allowed: boolean;
                        };
                        detokenization?: {
                            allowed: boolean;
                        };
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: {
                            id: string;
                            project_id: string;
                            name: string;
                            key_prefix: string;
                            pub_key: string;
                            permissions: {
                                tokenization?: {
                                    allowed: boolean;
                                };
                                provisioning?: {
                                    allowed: boolean;
                                };
                                detokenization?: {
                                    allowed: boolean;
                                };
                            };
                            created_at: string;
                            updated_at: string;
                            last_used_at: string | null;
                        };
                    };
                };
            };
            /** @description The request is malformed or fails its schema (`validation_error`, `invalid_json`, `invalid_request`, …). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials are missing or wrong (see the operation’s security). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed: a missing permission or role, MFA not yet verified, a failed CSRF check. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Nothing of that id is visible to the caller. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: a fault of the vault; the `request_id` finds it in the logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `service_unavailable`: the database is unreachable or the node is shutting down. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteApiApplicationsById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: Record<string, never>;
                    };
                };
            };
            /** @description The request is malformed or fails its schema (`validation_error`, `invalid_json`, `invalid_request`, …). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials are missing or wrong (see the operation’s security). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed: a missing permission or role, MFA not yet verified, a failed CSRF check. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Nothing of that id is visible to the caller. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: a fault of the vault; the `request_id` finds it in the logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `service_unavailable`: the database is unreachable or the node is shutting down. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postAuthLogin: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "email": "dev@example.com",
                 *       "password": "correct horse battery staple"
                 *     }
                 */
                "application/json": {
                    /** Format: email */
                    email: string;
                    password: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    /** @description Requests allowed in the window. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets. */
                    "RateLimit-Reset"?: number;
                    /** @description `<limit>;w=<seconds>`. */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: {
                            token: string;
                            expires_at: string;
                            user: {
                                id: string;
                                email: string;
                                name: string;
                                created_at: string;
                                mfa_enabled: boolean;
                            };
                            mfa_required: boolean;
                            mfa_enabled: boolean;
                            mfa_verified: boolean;
                        };
                    };
                };
            };
            /** @description The request is malformed or fails its schema (`validation_error`, `invalid_json`, `invalid_request`, …). */
            400: {
                headers: {
                    /** @description Requests allowed in the window. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets. */
                    "RateLimit-Reset"?: number;
                    /** @description `<limit>;w=<seconds>`. */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Over a rate limit: retry after `Retry-After` seconds (also in `retry_after_seconds`). */
            429: {
                headers: {
                    /** @description Requests allowed in the window. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets. */
                    "RateLimit-Reset"?: number;
                    /** @description `<limit>;w=<seconds>`. */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: a fault of the vault; the `request_id` finds it in the logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `service_unavailable`: the database is unreachable or the node is shutting down. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    /** @description Requests allowed in the window. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets. */
                    "RateLimit-Reset"?: number;
                    /** @description `<limit>;w=<seconds>`. */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postAuthLogout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: Record<string, never>;
                    };
                };
            };
            /** @description The request is malformed or fails its schema (`validation_error`, `invalid_json`, `invalid_request`, …). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials are missing or wrong (see the operation’s security). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed: a missing permission or role, MFA not yet verified, a failed CSRF check. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: a fault of the vault; the `request_id` finds it in the logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `service_unavailable`: the database is unreachable or the node is shutting down. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getAuthVerify: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    /** @description Requests allowed in the window. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets. */
                    "RateLimit-Reset"?: number;
                    /** @description `<limit>;w=<seconds>`. */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: {
                            /** @enum {boolean} */
                            valid: true;
                            user: {
                                id: string;
                                email: string;
                                name: string;
                                created_at: string;
                                mfa_enabled: boolean;
                            };
                            session: {
                                id: string;
                                expires_at: string;
                            };
                            mfa_required: boolean;
                            mfa_enabled: boolean;
                            mfa_verified: boolean;
                        };
                    };
                };
            };
            /** @description The request is malformed or fails its schema (`validation_error`, `invalid_json`, `invalid_request`, …). */
            400: {
                headers: {
                    /** @description Requests allowed in the window. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets. */
                    "RateLimit-Reset"?: number;
                    /** @description `<limit>;w=<seconds>`. */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials are missing or wrong (see the operation’s security). */
            401: {
                headers: {
                    /** @description Requests allowed in the window. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets. */
                    "RateLimit-Reset"?: number;
                    /** @description `<limit>;w=<seconds>`. */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed: a missing permission or role, MFA not yet verified, a failed CSRF check. */
            403: {
                headers: {
                    /** @description Requests allowed in the window. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets. */
                    "RateLimit-Reset"?: number;
                    /** @description `<limit>;w=<seconds>`. */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Over a rate limit: retry after `Retry-After` seconds (also in `retry_after_seconds`). */
            429: {
                headers: {
                    /** @description Requests allowed in the window. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets. */
                    "RateLimit-Reset"?: number;
                    /** @description `<limit>;w=<seconds>`. */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: a fault of the vault; the `request_id` finds it in the logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `service_unavailable`: the database is unreachable or the node is shutting down. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    /** @description Requests allowed in the window. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets. */
                    "RateLimit-Reset"?: number;
                    /** @description `<limit>;w=<seconds>`. */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postAuthChangePassword: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    current_password: string;
                    new_password: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    /** @description Requests allowed in the window. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets. */
                    "RateLimit-Reset"?: number;
                    /** @description `<limit>;w=<seconds>`. */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: Record<string, never>;
                    };
                };
            };
            /** @description The request is malformed or fails its schema (`validation_error`, `invalid_json`, `invalid_request`, …). */
            400: {
                headers: {
                    /** @description Requests allowed in the window. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets. */
                    "RateLimit-Reset"?: number;
                    /** @description `<limit>;w=<seconds>`. */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials are missing or wrong (see the operation’s security). */
            401: {
                headers: {
                    /** @description Requests allowed in the window. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets. */
                    "RateLimit-Reset"?: number;
                    /** @description `<limit>;w=<seconds>`. */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed: a missing permission or role, MFA not yet verified, a failed CSRF check. */
            403: {
                headers: {
                    /** @description Requests allowed in the window. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets. */
                    "RateLimit-Reset"?: number;
                    /** @description `<limit>;w=<seconds>`. */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Over a rate limit: retry after `Retry-After` seconds (also in `retry_after_seconds`). */
            429: {
                headers: {
                    /** @description Requests allowed in the window. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets. */
                    "RateLimit-Reset"?: number;
                    /** @description `<limit>;w=<seconds>`. */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: a fault of the vault; the `request_id` finds it in the logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `service_unavailable`: the database is unreachable or the node is shutting down. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    /** @description Requests allowed in the window. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets. */
                    "RateLimit-Reset"?: number;
                    /** @description `<limit>;w=<seconds>`. */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postAuthForgotPassword: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: email */
                    email: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    /** @description Requests allowed in the window. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets. */
                    "RateLimit-Reset"?: number;
                    /** @description `<limit>;w=<seconds>`. */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: Record<string, never>;
                    };
                };
            };
            /** @description The request is malformed or fails its schema (`validation_error`, `invalid_json`, `invalid_request`, …). */
            400: {
                headers: {
                    /** @description Requests allowed in the window. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets. */
                    "RateLimit-Reset"?: number;
                    /** @description `<limit>;w=<seconds>`. */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Over a rate limit: retry after `Retry-After` seconds (also in `retry_after_seconds`). */
            429: {
                headers: {
                    /** @description Requests allowed in the window. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets. */
                    "RateLimit-Reset"?: number;
                    /** @description `<limit>;w=<seconds>`. */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: a fault of the vault; the `request_id` finds it in the logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `service_unavailable`: the database is unreachable or the node is shutting down. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    /** @description Requests allowed in the window. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets. */
                    "RateLimit-Reset"?: number;
                    /** @description `<limit>;w=<seconds>`. */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getAuthVerifyResetToken: {
        parameters: {
            query: {
                token: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: {
                            /** @enum {boolean} */
                            valid: true;
                            email_hint: string;
                        };
                    };
                };
            };
            /** @description The request is malformed or fails its schema (`validation_error`, `invalid_json`, `invalid_request`, …). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: a fault of the vault; the `request_id` finds it in the logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `service_unavailable`: the database is unreachable or the node is shutting down. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postAuthResetPassword: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    token: string;
                    new_password: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: Record<string, never>;
                    };
                };
            };
            /** @description The request is malformed or fails its schema (`validation_error`, `invalid_json`, `invalid_request`, …). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: a fault of the vault; the `request_id` finds it in the logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `service_unavailable`: the database is unreachable or the node is shutting down. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postAuthResetExpiredPassword: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    token: string;
                    current_password: string;
                    new_password: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: {
                            token: string;
                            expires_at: string;
                            user: {
                                id: string;
                                email: string;
                                name: string;
                                created_at: string;
                                mfa_enabled: boolean;
                            };
                            mfa_required: boolean;
                            mfa_enabled: boolean;
                            mfa_verified: boolean;
                        };
                    };
                };
            };
            /** @description The request is malformed or fails its schema (`validation_error`, `invalid_json`, `invalid_request`, …). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: a fault of the vault; the `request_id` finds it in the logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `service_unavailable`: the database is unreachable or the node is shutting down. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getAuthPasswordExpiryInfo: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: {
                            password_changed_at: string;
                            expires_at: string | null;
                            /** Format: int64 */
                            days_remaining: number | null;
                            expired: boolean;
                            /** Format: int64 */
                            max_age_days: number;
                        };
                    };
                };
            };
            /** @description The request is malformed or fails its schema (`validation_error`, `invalid_json`, `invalid_request`, …). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials are missing or wrong (see the operation’s security). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed: a missing permission or role, MFA not yet verified, a failed CSRF check. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: a fault of the vault; the `request_id` finds it in the logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `service_unavailable`: the database is unreachable or the node is shutting down. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postAuthSendVerificationCode: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: email */
                    email: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    /** @description Requests allowed in the window. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets. */
                    "RateLimit-Reset"?: number;
                    /** @description `<limit>;w=<seconds>`. */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: Record<string, never>;
                    };
                };
            };
            /** @description The request is malformed or fails its schema (`validation_error`, `invalid_json`, `invalid_request`, …). */
            400: {
                headers: {
                    /** @description Requests allowed in the window. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets. */
                    "RateLimit-Reset"?: number;
                    /** @description `<limit>;w=<seconds>`. */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Over a rate limit: retry after `Retry-After` seconds (also in `retry_after_seconds`). */
            429: {
                headers: {
                    /** @description Requests allowed in the window. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets. */
                    "RateLimit-Reset"?: number;
                    /** @description `<limit>;w=<seconds>`. */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: a fault of the vault; the `request_id` finds it in the logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `service_unavailable`: the database is unreachable or the node is shutting down. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    /** @description Requests allowed in the window. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets. */
                    "RateLimit-Reset"?: number;
                    /** @description `<limit>;w=<seconds>`. */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postAuthVerifyEmailCode: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: email */
                    email: string;
                    code: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    /** @description Requests allowed in the window. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets. */
                    "RateLimit-Reset"?: number;
                    /** @description `<limit>;w=<seconds>`. */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: {
                            /** @enum {boolean} */
                            verified: true;
                            verification_token: string;
                        };
                    };
                };
            };
            /** @description The request is malformed or fails its schema (`validation_error`, `invalid_json`, `invalid_request`, …). */
            400: {
                headers: {
                    /** @description Requests allowed in the window. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets. */
                    "RateLimit-Reset"?: number;
                    /** @description `<limit>;w=<seconds>`. */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Over a rate limit: retry after `Retry-After` seconds (also in `retry_after_seconds`). */
            429: {
                headers: {
                    /** @description Requests allowed in the window. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets. */
                    "RateLimit-Reset"?: number;
                    /** @description `<limit>;w=<seconds>`. */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: a fault of the vault; the `request_id` finds it in the logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `service_unavailable`: the database is unreachable or the node is shutting down. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    /** @description Requests allowed in the window. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets. */
                    "RateLimit-Reset"?: number;
                    /** @description `<limit>;w=<seconds>`. */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postAuthRegister: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: email */
                    email: string;
                    password: string;
                    name: string;
                    verification_token: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    /** @description Requests allowed in the window. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets. */
                    "RateLimit-Reset"?: number;
                    /** @description `<limit>;w=<seconds>`. */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: {
                            user: {
                                id: string;
                                email: string;
                                name: string;
                                created_at: string;
                                mfa_enabled: boolean;
                            };
                            token: string;
                            expires_at: string;
                        };
                    };
                };
            };
            /** @description The request is malformed or fails its schema (`validation_error`, `invalid_json`, `invalid_request`, …). */
            400: {
                headers: {
                    /** @description Requests allowed in the window. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets. */
                    "RateLimit-Reset"?: number;
                    /** @description `<limit>;w=<seconds>`. */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Over a rate limit: retry after `Retry-After` seconds (also in `retry_after_seconds`). */
            429: {
                headers: {
                    /** @description Requests allowed in the window. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets. */
                    "RateLimit-Reset"?: number;
                    /** @description `<limit>;w=<seconds>`. */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: a fault of the vault; the `request_id` finds it in the logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `service_unavailable`: the database is unreachable or the node is shutting down. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    /** @description Requests allowed in the window. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets. */
                    "RateLimit-Reset"?: number;
                    /** @description `<limit>;w=<seconds>`. */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiUserSettings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: {
                            id: string;
                            email: string;
                            name: string;
                            created_at: string;
                            mfa_enabled: boolean;
                            mfa_pending: boolean;
                            mfa_required: boolean;
                            password_changed_at: string;
                            password_expires_at: string | null;
                            totp_uri?: string;
                            backup_codes?: string[];
                        };
                    };
                };
            };
            /** @description The request is malformed or fails its schema (`validation_error`, `invalid_json`, `invalid_request`, …). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials are missing or wrong (see the operation’s security). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed: a missing permission or role, MFA not yet verified, a failed CSRF check. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: a fault of the vault; the `request_id` finds it in the logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `service_unavailable`: the database is unreachable or the node is shutting down. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    putApiUserSettings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                    mfa_enabled?: boolean;
                    current_password?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: {
                            id: string;
                            email: string;
                            name: string;
                            created_at: string;
                            mfa_enabled: boolean;
                            mfa_pending: boolean;
                            mfa_required: boolean;
                            password_changed_at: string;
                            password_expires_at: string | null;
                            totp_uri?: string;
                            backup_codes?: string[];
                        };
                    };
                };
            };
            /** @description The request is malformed or fails its schema (`validation_error`, `invalid_json`, `invalid_request`, …). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials are missing or wrong (see the operation’s security). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed: a missing permission or role, MFA not yet verified, a failed CSRF check. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: a fault of the vault; the `request_id` finds it in the logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `service_unavailable`: the database is unreachable or the node is shutting down. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postAuthMfaVerify: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    code: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: {
                            token: string;
                            expires_at: string;
                            /** @enum {boolean} */
                            mfa_verified: true;
                        };
                    };
                };
            };
            /** @description The request is malformed or fails its schema (`validation_error`, `invalid_json`, `invalid_request`, …). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials are missing or wrong (see the operation’s security). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed: a missing permission or role, MFA not yet verified, a failed CSRF check. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: a fault of the vault; the `request_id` finds it in the logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `service_unavailable`: the database is unreachable or the node is shutting down. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postAuthMfaVerifyBackup: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    code: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: {
                            token: string;
                            expires_at: string;
                            /** @enum {boolean} */
                            mfa_verified: true;
                            /** Format: int64 */
                            backup_codes_remaining: number;
                        };
                    };
                };
            };
            /** @description The request is malformed or fails its schema (`validation_error`, `invalid_json`, `invalid_request`, …). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials are missing or wrong (see the operation’s security). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed: a missing permission or role, MFA not yet verified, a failed CSRF check. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: a fault of the vault; the `request_id` finds it in the logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `service_unavailable`: the database is unreachable or the node is shutting down. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postAuthMfaDisable: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    code: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: Record<string, never>;
                    };
                };
            };
            /** @description The request is malformed or fails its schema (`validation_error`, `invalid_json`, `invalid_request`, …). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials are missing or wrong (see the operation’s security). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed: a missing permission or role, MFA not yet verified, a failed CSRF check. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: a fault of the vault; the `request_id` finds it in the logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `service_unavailable`: the database is unreachable or the node is shutting down. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getAuthMfaStatus: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: {
                            enabled: boolean;
                            pending: boolean;
                            mfa_required: boolean;
                            mfa_verified: boolean;
                            /** Format: int64 */
                            backup_codes_remaining: number;
                        };
                    };
                };
            };
            /** @description The request is malformed or fails its schema (`validation_error`, `invalid_json`, `invalid_request`, …). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials are missing or wrong (see the operation’s security). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed: a missing permission or role, MFA not yet verified, a failed CSRF check. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: a fault of the vault; the `request_id` finds it in the logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `service_unavailable`: the database is unreachable or the node is shutting down. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getMfaStatus: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: {
                            enabled: boolean;
                            pending: boolean;
                            mfa_required: boolean;
                            mfa_verified: boolean;
                            /** Format: int64 */
                            backup_codes_remaining: number;
                        };
                    };
                };
            };
            /** @description The request is malformed or fails its schema (`validation_error`, `invalid_json`, `invalid_request`, …). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials are missing or wrong (see the operation’s security). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed: a missing permission or role, MFA not yet verified, a failed CSRF check. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: a fault of the vault; the `request_id` finds it in the logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `service_unavailable`: the database is unreachable or the node is shutting down. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getAuthMfaVerifyPage: {
        parameters: {
            query?: {
                error?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is malformed or fails its schema (`validation_error`, `invalid_json`, `invalid_request`, …). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": {
                        /** @enum {boolean} */
                        success: false;
                        message: string;
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            code: string;
                            request_id: string;
                            details?: {
                                path: string;
                                message: string;
                            }[];
                        } & {
                            [key: string]: unknown;
                        };
                        /** Format: int64 */
                        retry_after_seconds?: number;
                    };
                };
            };
            /** @description `internal_error`: a fault of the vault; the `request_id` finds it in the logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": {
                        /** @enum {boolean} */
                        success: false;
                        message: string;
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            code: string;
                            request_id: string;
                            details?: {
                                path: string;
                                message: string;
                            }[];
                        } & {
                            [key: string]: unknown;
                        };
                        /** Format: int64 */
                        retry_after_seconds?: number;
                    };
                };
            };
            /** @description `service_unavailable`: the database is unreachable or the node is shutting down. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": {
                        /** @enum {boolean} */
                        success: false;
                        message: string;
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            code: string;
                            request_id: string;
                            details?: {
                                path: string;
                                message: string;
                            }[];
                        } & {
                            [key: string]: unknown;
                        };
                        /** Format: int64 */
                        retry_after_seconds?: number;
                    };
                };
            };
        };
    };
    postInternalProvision: {
        parameters: {
            query?: never;
            header?: {
                /** @description Optional, 1–255 printable ASCII characters. A retry with the same key and request answers the first status and body with Idempotent-Replayed: true (docs/idempotency.md); another request under the key → 422, while the first runs → 409. */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    environment?: "production" | "staging" | "development";
                    applications?: {
                        name: string;
                        permissions: {
                            tokenization?: {
                                allowed: boolean;
                            };
                            provisioning?: {
                                allowed: boolean;
                            };
                            detokenization?: {
                                allowed: boolean;
                            };
                        };
                    }[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: {
                            project: {
                                id: string;
                                name: string;
                                environment: string;
                                parent_id: string | null;
                                require_mfa: boolean;
                                deduplicate: boolean;
                                /** @description The format of tokens whose request names none (docs/tokens.md, "Formats") */
                                token_format: string;
                                proxy_allowed_hosts: string[] | null;
                                elements_origins: string[];
                                created_at: string;
                            };
                            applications: {
                                id: string;
                                name: string;
                                api_key: string;
                                pub_key: string;
                                permissions: {
                                    tokenization?: {
                                        allowed: boolean;
                                    };
                                    provisioning?: {
                                        allowed: boolean;
                                    };
                                    detokenization?: {
                                        allowed: boolean;
                                    };
                                };
                            }[];
                        };
                    };
                };
            };
            /** @description The request is malformed or fails its schema (`validation_error`, `invalid_json`, `invalid_request`, …). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials are missing or wrong (see the operation’s security). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed: a missing permission or role, MFA not yet verified, a failed CSRF check. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: a fault of the vault; the `request_id` finds it in the logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `service_unavailable`: the database is unreachable or the node is shutting down. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiProjects: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: ({
                            id: string;
                            name: string;
                            environment: string;
                            parent_id: string | null;
                            require_mfa: boolean;
                            deduplicate: boolean;
                            /** @description The format of tokens whose request names none (docs/tokens.md, "Formats") */
                            token_format: string;
                            proxy_allowed_hosts: string[] | null;
                            elements_origins: string[];
                            created_at: string;
                        } & {
                            role: "owner" | "admin" | "developer" | "viewer";
                        })[];
                        next_cursor: string | null;
                    };
                };
            };
            /** @description The request is malformed or fails its schema (`validation_error`, `invalid_json`, `invalid_request`, …). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials are missing or wrong (see the operation’s security). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed: a missing permission or role, MFA not yet verified, a failed CSRF check. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: a fault of the vault; the `request_id` finds it in the logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `service_unavailable`: the database is unreachable or the node is shutting down. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiProjects: {
        parameters: {
            query?: never;
            header?: {
                /** @description Optional, 1–255 printable ASCII characters. A retry with the same key and request answers the first status and body with Idempotent-Replayed: true (docs/idempotency.md); another request under the key → 422, while the first runs → 409. */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "Checkout",
                 *       "environment": "development"
                 *     }
                 */
                "application/json": {
                    name: string;
                    environment: "production" | "staging" | "development";
                    require_mfa?: boolean;
                    deduplicate?: boolean;
                    /** @description The format of tokens whose request names none (docs/tokens.md, "Formats") */
                    token_format?: "random" | "uuid" | "numeric" | "card_preserving" | "last4_preserving" | "fpe";
                    proxy_allowed_hosts?: string[] | null;
                    elements_origins?: string[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: {
                            id: string;
                            name: string;
                            environment: string;
                            parent_id: string | null;
                            require_mfa: boolean;
                            deduplicate: boolean;
                            /** @description The format of tokens whose request names none (docs/tokens.md, "Formats") */
                            token_format: string;
                            proxy_allowed_hosts: string[] | null;
                            elements_origins: string[];
                            created_at: string;
                        } & {
                            role: "owner" | "admin" | "developer" | "viewer";
                        };
                    };
                };
            };
            /** @description The request is malformed or fails its schema (`validation_error`, `invalid_json`, `invalid_request`, …). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials are missing or wrong (see the operation’s security). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed: a missing permission or role, MFA not yet verified, a failed CSRF check. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: a fault of the vault; the `request_id` finds it in the logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `service_unavailable`: the database is unreachable or the node is shutting down. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiProjectsById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: {
                            id: string;
                            name: string;
                            environment: string;
                            parent_id: string | null;
                            require_mfa: boolean;
                            deduplicate: boolean;
                            /** @description The format of tokens whose request names none (docs/tokens.md, "Formats") */
                            token_format: string;
                            proxy_allowed_hosts: string[] | null;
                            elements_origins: string[];
                            created_at: string;
                        } & {
                            role: "owner" | "admin" | "developer" | "viewer";
                        };
                    };
                };
            };
            /** @description The request is malformed or fails its schema (`validation_error`, `invalid_json`, `invalid_request`, …). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials are missing or wrong (see the operation’s security). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed: a missing permission or role, MFA not yet verified, a failed CSRF check. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Nothing of that id is visible to the caller. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: a fault of the vault; the `request_id` finds it in the logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `service_unavailable`: the database is unreachable or the node is shutting down. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    putApiProjectsById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                    environment?: "production" | "staging" | "development";
                    require_mfa?: boolean;
                    deduplicate?: boolean;
                    /** @description The format of tokens whose request names none (docs/tokens.md, "Formats") */
                    token_format?: "random" | "uuid" | "numeric" | "card_preserving" | "last4_preserving" | "fpe";
                    proxy_allowed_hosts?: string[] | null;
                    elements_origins?: string[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: {
                            id: string;
                            name: string;
                            environment: string;
                            parent_id: string | null;
                            require_mfa: boolean;
                            deduplicate: boolean;
                            /** @description The format of tokens whose request names none (docs/tokens.md, "Formats") */
                            token_format: string;
                            proxy_allowed_hosts: string[] | null;
                            elements_origins: string[];
                            created_at: string;
                        } & {
                            role: "owner" | "admin" | "developer" | "viewer";
                        };
                    };
                };
            };
            /** @description The request is malformed or fails its schema (`validation_error`, `invalid_json`, `invalid_request`, …). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials are missing or wrong (see the operation’s security). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed: a missing permission or role, MFA not yet verified, a failed CSRF check. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Nothing of that id is visible to the caller. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: a fault of the vault; the `request_id` finds it in the logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `service_unavailable`: the database is unreachable or the node is shutting down. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteApiProjectsById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: Record<string, never>;
                    };
                };
            };
            /** @description The request is malformed or fails its schema (`validation_error`, `invalid_json`, `invalid_request`, …). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials are missing or wrong (see the operation’s security). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed: a missing permission or role, MFA not yet verified, a failed CSRF check. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Nothing of that id is visible to the caller. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: a fault of the vault; the `request_id` finds it in the logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `service_unavailable`: the database is unreachable or the node is shutting down. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiProjectsByIdMembers: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: {
                            user_id: string;
                            email: string;
                            name: string;
                            role: "owner" | "admin" | "developer" | "viewer";
                            created_at: string;
                        }[];
                    };
                };
            };
            /** @description The request is malformed or fails its schema (`validation_error`, `invalid_json`, `invalid_request`, …). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials are missing or wrong (see the operation’s security). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed: a missing permission or role, MFA not yet verified, a failed CSRF check. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Nothing of that id is visible to the caller. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: a fault of the vault; the `request_id` finds it in the logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `service_unavailable`: the database is unreachable or the node is shutting down. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiProjectsByIdMembers: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    email: string;
                    role: "owner" | "admin" | "developer" | "viewer";
                };
            };
        };
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    /** @description Requests allowed in the window. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets. */
                    "RateLimit-Reset"?: number;
                    /** @description `<limit>;w=<seconds>`. */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: {
                            email: string;
                            role: "owner" | "admin" | "developer" | "viewer";
                            /** @enum {string} */
                            status: "invited";
                        };
                    };
                };
            };
            /** @description The request is malformed or fails its schema (`validation_error`, `invalid_json`, `invalid_request`, …). */
            400: {
                headers: {
                    /** @description Requests allowed in the window. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets. */
                    "RateLimit-Reset"?: number;
                    /** @description `<limit>;w=<seconds>`. */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials are missing or wrong (see the operation’s security). */
            401: {
                headers: {
                    /** @description Requests allowed in the window. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets. */
                    "RateLimit-Reset"?: number;
                    /** @description `<limit>;w=<seconds>`. */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed: a missing permission or role, MFA not yet verified, a failed CSRF check. */
            403: {
                headers: {
                    /** @description Requests allowed in the window. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets. */
                    "RateLimit-Reset"?: number;
                    /** @description `<limit>;w=<seconds>`. */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Nothing of that id is visible to the caller. */
            404: {
                headers: {
                    /** @description Requests allowed in the window. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets. */
                    "RateLimit-Reset"?: number;
                    /** @description `<limit>;w=<seconds>`. */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Over a rate limit: retry after `Retry-After` seconds (also in `retry_after_seconds`). */
            429: {
                headers: {
                    /** @description Requests allowed in the window. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets. */
                    "RateLimit-Reset"?: number;
                    /** @description `<limit>;w=<seconds>`. */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: a fault of the vault; the `request_id` finds it in the logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `service_unavailable`: the database is unreachable or the node is shutting down. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    /** @description Requests allowed in the window. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets. */
                    "RateLimit-Reset"?: number;
                    /** @description `<limit>;w=<seconds>`. */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    putApiProjectsByIdMembersByUserId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                user_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    role: "owner" | "admin" | "developer" | "viewer";
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: {
                            user_id: string;
                            email: string;
                            name: string;
                            role: "owner" | "admin" | "developer" | "viewer";
                            created_at: string;
                        };
                    };
                };
            };
            /** @description The request is malformed or fails its schema (`validation_error`, `invalid_json`, `invalid_request`, …). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials are missing or wrong (see the operation’s security). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed: a missing permission or role, MFA not yet verified, a failed CSRF check. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Nothing of that id is visible to the caller. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: a fault of the vault; the `request_id` finds it in the logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `service_unavailable`: the database is unreachable or the node is shutting down. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteApiProjectsByIdMembersByUserId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                user_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: Record<string, never>;
                    };
                };
            };
            /** @description The request is malformed or fails its schema (`validation_error`, `invalid_json`, `invalid_request`, …). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials are missing or wrong (see the operation’s security). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed: a missing permission or role, MFA not yet verified, a failed CSRF check. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Nothing of that id is visible to the caller. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: a fault of the vault; the `request_id` finds it in the logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `service_unavailable`: the database is unreachable or the node is shutting down. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiUserInvitations: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: {
                            id: string;
                            project_id: string;
                            project_name: string;
                            email: string;
                            role: "owner" | "admin" | "developer" | "viewer";
                            invited_by: string | null;
                            created_at: string;
                            expires_at: string;
                        }[];
                    };
                };
            };
            /** @description The request is malformed or fails its schema (`validation_error`, `invalid_json`, `invalid_request`, …). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials are missing or wrong (see the operation’s security). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed: a missing permission or role, MFA not yet verified, a failed CSRF check. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: a fault of the vault; the `request_id` finds it in the logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `service_unavailable`: the database is unreachable or the node is shutting down. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiUserInvitationsByIdAccept: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: {
                            project_id: string;
                            role: "owner" | "admin" | "developer" | "viewer";
                        };
                    };
                };
            };
            /** @description The request is malformed or fails its schema (`validation_error`, `invalid_json`, `invalid_request`, …). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials are missing or wrong (see the operation’s security). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed: a missing permission or role, MFA not yet verified, a failed CSRF check. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Nothing of that id is visible to the caller. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: a fault of the vault; the `request_id` finds it in the logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `service_unavailable`: the database is unreachable or the node is shutting down. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiUserInvitationsByIdDecline: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: Record<string, never>;
                    };
                };
            };
            /** @description The request is malformed or fails its schema (`validation_error`, `invalid_json`, `invalid_request`, …). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials are missing or wrong (see the operation’s security). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed: a missing permission or role, MFA not yet verified, a failed CSRF check. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Nothing of that id is visible to the caller. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: a fault of the vault; the `request_id` finds it in the logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `service_unavailable`: the database is unreachable or the node is shutting down. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiProjectsByIdInvitations: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: {
                            id: string;
                            project_id: string;
                            project_name: string;
                            email: string;
                            role: "owner" | "admin" | "developer" | "viewer";
                            invited_by: string | null;
                            created_at: string;
                            expires_at: string;
                        }[];
                    };
                };
            };
            /** @description The request is malformed or fails its schema (`validation_error`, `invalid_json`, `invalid_request`, …). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials are missing or wrong (see the operation’s security). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed: a missing permission or role, MFA not yet verified, a failed CSRF check. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Nothing of that id is visible to the caller. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: a fault of the vault; the `request_id` finds it in the logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `service_unavailable`: the database is unreachable or the node is shutting down. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteApiProjectsByIdInvitationsByInvitationId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                invitation_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: Record<string, never>;
                    };
                };
            };
            /** @description The request is malformed or fails its schema (`validation_error`, `invalid_json`, `invalid_request`, …). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials are missing or wrong (see the operation’s security). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed: a missing permission or role, MFA not yet verified, a failed CSRF check. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Nothing of that id is visible to the caller. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: a fault of the vault; the `request_id` finds it in the logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `service_unavailable`: the database is unreachable or the node is shutting down. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiAuditLogs: {
        parameters: {
            query?: {
                /** @description Without it: your own account's events (logins, MFA, …) */
                project_id?: string;
                event_type?: string;
                action?: string;
                user_id?: string;
                app_id?: string;
                from?: string;
                to?: string;
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: {
                            id: string;
                            /** Format: int64 */
                            seq: number | null;
                            created_at: string;
                            project_id: string | null;
                            event_type: string;
                            action: string;
                            outcome: string;
                            resource_type: string | null;
                            resource_id: string | null;
                            user_id: string | null;
                            app_id: string | null;
                            ip_address: string | null;
                            request_id: string | null;
                            details: unknown;
                            hash: string | null;
                            prev_hash: string | null;
                        }[];
                        next_cursor: string | null;
                    };
                };
            };
            /** @description The request is malformed or fails its schema (`validation_error`, `invalid_json`, `invalid_request`, …). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials are missing or wrong (see the operation’s security). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed: a missing permission or role, MFA not yet verified, a failed CSRF check. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: a fault of the vault; the `request_id` finds it in the logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `service_unavailable`: the database is unreachable or the node is shutting down. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiAuditLogsVerify: {
        parameters: {
            query: {
                project_id: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: {
                            valid: boolean;
                            /** Format: int64 */
                            entries: number;
                            head_hash: string | null;
                            /** Format: int64 */
                            first_bad_seq?: number;
                            first_bad_id?: string;
                            reason?: string;
                        };
                    };
                };
            };
            /** @description The request is malformed or fails its schema (`validation_error`, `invalid_json`, `invalid_request`, …). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials are missing or wrong (see the operation’s security). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed: a missing permission or role, MFA not yet verified, a failed CSRF check. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: a fault of the vault; the `request_id` finds it in the logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `service_unavailable`: the database is unreachable or the node is shutting down. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getAuditLogs: {
        parameters: {
            query?: {
                /** @description Without it: your own account's events */
                project_id?: string;
                page?: number;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: {
                            logs: {
                                id: string;
                                event_type: string;
                                action: string;
                                resource_type: string | null;
                                resource_id: string | null;
                                user_id: string | null;
                                app_id: string | null;
                                timestamp: string;
                                ip_address: string | null;
                                details: unknown;
                                /** @description (ext) success or failure */
                                outcome: string;
                            }[];
                            pagination: {
                                /** Format: int64 */
                                page: number;
                                /** Format: int64 */
                                limit: number;
                                /** Format: int64 */
                                total: number;
                            };
                        };
                    };
                };
            };
            /** @description The request is malformed or fails its schema (`validation_error`, `invalid_json`, `invalid_request`, …). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials are missing or wrong (see the operation’s security). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed: a missing permission or role, MFA not yet verified, a failed CSRF check. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: a fault of the vault; the `request_id` finds it in the logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `service_unavailable`: the database is unreachable or the node is shutting down. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiProjectsByIdTraffic: {
        parameters: {
            query?: {
                /** @description How many hours, the current one included */
                hours?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: {
                            /** @description Start of the oldest hour (inclusive) */
                            from: string;
                            /** @description End of the current hour (exclusive) */
                            to: string;
                            /** @description One per hour, oldest first */
                            buckets: {
                                start: string;
                                /** Format: int64 */
                                tokenize: number;
                                /** Format: int64 */
                                detokenize: number;
                                /** Format: int64 */
                                proxy: number;
                            }[];
                        };
                    };
                };
            };
            /** @description The request is malformed or fails its schema (`validation_error`, `invalid_json`, `invalid_request`, …). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials are missing or wrong (see the operation’s security). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed: a missing permission or role, MFA not yet verified, a failed CSRF check. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Nothing of that id is visible to the caller. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: a fault of the vault; the `request_id` finds it in the logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `service_unavailable`: the database is unreachable or the node is shutting down. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postProxyTransaction: {
        parameters: {
            query?: {
                token?: string;
                proxy_url?: string;
                cvc_session_id?: string;
                http_method?: string;
            };
            header?: {
                "x-token"?: string;
                "x-proxy-url"?: string;
                "x-cvc-session-id"?: string;
                "x-http-method"?: string;
                /** @description The PSP's credentials, forwarded as Authorization */
                "x-proxy-authorization"?: string;
                /** @description Optional, 1–255 printable ASCII characters. A retry with the same key and request answers the first status and body with Idempotent-Replayed: true (docs/idempotency.md); another request under the key → 422, while the first runs → 409. */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "token": "tok_3kT9xQ2mVb7LwR1s",
                 *       "cvc_session_id": "cvc_8Jd2kQ",
                 *       "proxy_url": "https://api.psp.example/v1/charges",
                 *       "http_method": "POST",
                 *       "request_data": {
                 *         "amount": 1000,
                 *         "card": {
                 *           "number": "${cardNumber}",
                 *           "cvc": "${cvv}",
                 *           "exp_month": "${expirationMonth}",
                 *           "exp_year": "${expirationYear}"
                 *         }
                 *       }
                 *     }
                 */
                "application/json": {
                    token: string;
                    /** @description Needed for ${cvv} / ${cvc} */
                    cvc_session_id?: string | null;
                    /** @description https URL of the payment processor */
                    proxy_url: string;
                    /** @description One of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS; default POST */
                    http_method?: string;
                    http_headers?: {
                        [key: string]: string;
                    };
                    /** @description A JSON value (placeholders inside any string) or a string (form-encoded, XML, …) */
                    request_data?: unknown;
                    /** @description Card data (or any token type) at these JSONPaths of the PSP's JSON answer is tokenized into this project before the answer is returned */
                    tokenize_response?: {
                        /** @description JSONPath of the value ($.card.number, $.cards[*]); for a form route, the field name (card_number, card) */
                        path: string;
                        /** @description What the value is tokenized as, checked as /tokenize checks it */
                        type: "card" | "bank" | "string";
                        /** @description Token format; default random */
                        format?: "random" | "uuid" | "numeric" | "card_preserving" | "last4_preserving" | "fpe";
                        /** @description For an object value: which of its properties holds each of the type's data fields, e.g. {"cardNumber": "number", "expirationMonth": "exp_month"} */
                        data_fields?: {
                            [key: string]: string;
                        };
                    }[];
                };
                "application/x-www-form-urlencoded": unknown;
                "application/xml": unknown;
                "text/xml": unknown;
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        proxy_response: {
                            /** Format: int64 */
                            status_code: number;
                            headers: {
                                [key: string]: string | string[];
                            };
                            /** @description Parsed JSON when the upstream said JSON, else a string; card numbers masked */
                            body: unknown;
                        };
                        /** @description With tokenize_response: each place found, with its token or why it stayed masked */
                        tokenized?: {
                            /** @description The tokenize_response path */
                            path: string;
                            /** @description JSON Pointer of the value in the answer body */
                            at: string;
                            token?: string;
                            error?: {
                                code: string;
                                message: string;
                            };
                        }[];
                    };
                };
            };
            /** @description The request is malformed or fails its schema (`validation_error`, `invalid_json`, `invalid_request`, …). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials are missing or wrong (see the operation’s security). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed: a missing permission or role, MFA not yet verified, a failed CSRF check. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: a fault of the vault; the `request_id` finds it in the logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `service_unavailable`: the database is unreachable or the node is shutting down. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteProxyDeleteCvcSessionById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        message: string;
                    };
                };
            };
            /** @description The request is malformed or fails its schema (`validation_error`, `invalid_json`, `invalid_request`, …). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials are missing or wrong (see the operation’s security). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed: a missing permission or role, MFA not yet verified, a failed CSRF check. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Nothing of that id is visible to the caller. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: a fault of the vault; the `request_id` finds it in the logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `service_unavailable`: the database is unreachable or the node is shutting down. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiProjectsByIdWebhooks: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: {
                            id: string;
                            project_id: string;
                            url: string;
                            events: ("token.created" | "token.updated" | "token.deleted" | "token.expired" | "application.created" | "application.deleted" | "member.joined" | "member.removed" | "key.rotated" | "audit.verification_failed")[];
                            description: string | null;
                            /** Format: date-time */
                            created_at: string;
                            /** Format: date-time */
                            updated_at: string;
                        }[];
                    };
                };
            };
            /** @description The request is malformed or fails its schema (`validation_error`, `invalid_json`, `invalid_request`, …). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials are missing or wrong (see the operation’s security). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed: a missing permission or role, MFA not yet verified, a failed CSRF check. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Nothing of that id is visible to the caller. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: a fault of the vault; the `request_id` finds it in the logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `service_unavailable`: the database is unreachable or the node is shutting down. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiProjectsByIdWebhooks: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Format: uri
                     * @description https (http to loopback only in test/dev mode)
                     */
                    url: string;
                    events: ("token.created" | "token.updated" | "token.deleted" | "token.expired" | "application.created" | "application.deleted" | "member.joined" | "member.removed" | "key.rotated" | "audit.verification_failed")[];
                    description?: string | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: {
                            id: string;
                            project_id: string;
                            url: string;
                            events: ("token.created" | "token.updated" | "token.deleted" | "token.expired" | "application.created" | "application.deleted" | "member.joined" | "member.removed" | "key.rotated" | "audit.verification_failed")[];
                            description: string | null;
                            /** Format: date-time */
                            created_at: string;
                            /** Format: date-time */
                            updated_at: string;
                            /** @description whsec_…: shown once, verify deliveries with it (Standard Webhooks) */
                            secret: string;
                        };
                    };
                };
            };
            /** @description The request is malformed or fails its schema (`validation_error`, `invalid_json`, `invalid_request`, …). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials are missing or wrong (see the operation’s security). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed: a missing permission or role, MFA not yet verified, a failed CSRF check. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Nothing of that id is visible to the caller. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: a fault of the vault; the `request_id` finds it in the logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `service_unavailable`: the database is unreachable or the node is shutting down. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiProjectsByIdWebhooksByWebhookId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                webhook_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: {
                            id: string;
                            project_id: string;
                            url: string;
                            events: ("token.created" | "token.updated" | "token.deleted" | "token.expired" | "application.created" | "application.deleted" | "member.joined" | "member.removed" | "key.rotated" | "audit.verification_failed")[];
                            description: string | null;
                            /** Format: date-time */
                            created_at: string;
                            /** Format: date-time */
                            updated_at: string;
                        };
                    };
                };
            };
            /** @description The request is malformed or fails its schema (`validation_error`, `invalid_json`, `invalid_request`, …). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials are missing or wrong (see the operation’s security). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed: a missing permission or role, MFA not yet verified, a failed CSRF check. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Nothing of that id is visible to the caller. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: a fault of the vault; the `request_id` finds it in the logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `service_unavailable`: the database is unreachable or the node is shutting down. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    putApiProjectsByIdWebhooksByWebhookId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                webhook_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Format: uri
                     * @description https (http to loopback only in test/dev mode)
                     */
                    url?: string;
                    events?: ("token.created" | "token.updated" | "token.deleted" | "token.expired" | "application.created" | "application.deleted" | "member.joined" | "member.removed" | "key.rotated" | "audit.verification_failed")[];
                    description?: string | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: {
                            id: string;
                            project_id: string;
                            url: string;
                            events: ("token.created" | "token.updated" | "token.deleted" | "token.expired" | "application.created" | "application.deleted" | "member.joined" | "member.removed" | "key.rotated" | "audit.verification_failed")[];
                            description: string | null;
                            /** Format: date-time */
                            created_at: string;
                            /** Format: date-time */
                            updated_at: string;
                        };
                    };
                };
            };
            /** @description The request is malformed or fails its schema (`validation_error`, `invalid_json`, `invalid_request`, …). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials are missing or wrong (see the operation’s security). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed: a missing permission or role, MFA not yet verified, a failed CSRF check. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Nothing of that id is visible to the caller. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: a fault of the vault; the `request_id` finds it in the logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `service_unavailable`: the database is unreachable or the node is shutting down. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteApiProjectsByIdWebhooksByWebhookId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                webhook_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: Record<string, never>;
                    };
                };
            };
            /** @description The request is malformed or fails its schema (`validation_error`, `invalid_json`, `invalid_request`, …). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials are missing or wrong (see the operation’s security). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed: a missing permission or role, MFA not yet verified, a failed CSRF check. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Nothing of that id is visible to the caller. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: a fault of the vault; the `request_id` finds it in the logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `service_unavailable`: the database is unreachable or the node is shutting down. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiProjectsByIdWebhooksByWebhookIdDeliveries: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path: {
                id: string;
                webhook_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: {
                            /** @description The webhook-id header of every attempt */
                            id: string;
                            webhook_id: string;
                            event_type: "token.created" | "token.updated" | "token.deleted" | "token.expired" | "application.created" | "application.deleted" | "member.joined" | "member.removed" | "key.rotated" | "audit.verification_failed";
                            status: "pending" | "succeeded" | "failed";
                            /** Format: int64 */
                            attempts: number;
                            /** Format: int64 */
                            last_status: number | null;
                            last_error: string | null;
                            /** Format: date-time */
                            next_attempt_at: string;
                            /** Format: date-time */
                            created_at: string;
                            /** Format: date-time */
                            delivered_at: string | null;
                        }[];
                        next_cursor: string | null;
                    };
                };
            };
            /** @description The request is malformed or fails its schema (`validation_error`, `invalid_json`, `invalid_request`, …). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials are missing or wrong (see the operation’s security). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed: a missing permission or role, MFA not yet verified, a failed CSRF check. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Nothing of that id is visible to the caller. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: a fault of the vault; the `request_id` finds it in the logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `service_unavailable`: the database is unreachable or the node is shutting down. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiProjectsByIdWebhooksByWebhookIdDeliveriesByDeliveryIdRetry: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                webhook_id: string;
                delivery_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: {
                            /** @description The webhook-id header of every attempt */
                            id: string;
                            webhook_id: string;
                            event_type: "token.created" | "token.updated" | "token.deleted" | "token.expired" | "application.created" | "application.deleted" | "member.joined" | "member.removed" | "key.rotated" | "audit.verification_failed";
                            status: "pending" | "succeeded" | "failed";
                            /** Format: int64 */
                            attempts: number;
                            /** Format: int64 */
                            last_status: number | null;
                            last_error: string | null;
                            /** Format: date-time */
                            next_attempt_at: string;
                            /** Format: date-time */
                            created_at: string;
                            /** Format: date-time */
                            delivered_at: string | null;
                        };
                    };
                };
            };
            /** @description The request is malformed or fails its schema (`validation_error`, `invalid_json`, `invalid_request`, …). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials are missing or wrong (see the operation’s security). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed: a missing permission or role, MFA not yet verified, a failed CSRF check. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Nothing of that id is visible to the caller. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: a fault of the vault; the `request_id` finds it in the logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `service_unavailable`: the database is unreachable or the node is shutting down. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiProjectsByIdRoutes: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: {
                            id: string;
                            /** @description Where partners send: PUBLIC_URL/inbound/<id>/… */
                            url: string;
                            project_id: string;
                            name: string;
                            upstream_url: string;
                            content_type: string;
                            fields: {
                                /** @description JSONPath of the value ($.card.number, $.cards[*]); for a form route, the field name (card_number, card) */
                                path: string;
                                /** @description What the value is tokenized as, checked as /tokenize checks it */
                                type: "card" | "bank" | "string";
                                /** @description Token format; default random */
                                format?: "random" | "uuid" | "numeric" | "card_preserving" | "last4_preserving" | "fpe";
                                /** @description For an object value: which of its properties holds each of the type's data fields, e.g. {"cardNumber": "number", "expirationMonth": "exp_month"} */
                                data_fields?: {
                                    [key: string]: string;
                                };
                                required?: boolean;
                            }[];
                            created_at: string;
                            updated_at: string;
                        }[];
                    };
                };
            };
            /** @description The request is malformed or fails its schema (`validation_error`, `invalid_json`, `invalid_request`, …). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials are missing or wrong (see the operation’s security). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed: a missing permission or role, MFA not yet verified, a failed CSRF check. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Nothing of that id is visible to the caller. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: a fault of the vault; the `request_id` finds it in the logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `service_unavailable`: the database is unreachable or the node is shutting down. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiProjectsByIdRoutes: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "partner card intake",
                 *       "upstream_url": "https://api.merchant.example/cards",
                 *       "content_type": "json",
                 *       "fields": [
                 *         {
                 *           "path": "$.card",
                 *           "type": "card",
                 *           "data_fields": {
                 *             "cardNumber": "number",
                 *             "expirationMonth": "exp_month",
                 *             "expirationYear": "exp_year",
                 *             "cvv": "cvc"
                 *           }
                 *         }
                 *       ]
                 *     }
                 */
                "application/json": {
                    name: string;
                    /** @description https URL the request is forwarded to; the path after the route id is appended */
                    upstream_url: string;
                    fields: {
                        /** @description JSONPath of the value ($.card.number, $.cards[*]); for a form route, the field name (card_number, card) */
                        path: string;
                        /** @description What the value is tokenized as, checked as /tokenize checks it */
                        type: "card" | "bank" | "string";
                        /** @description Token format; default random */
                        format?: "random" | "uuid" | "numeric" | "card_preserving" | "last4_preserving" | "fpe";
                        /** @description For an object value: which of its properties holds each of the type's data fields, e.g. {"cardNumber": "number", "expirationMonth": "exp_month"} */
                        data_fields?: {
                            [key: string]: string;
                        };
                        required?: boolean;
                    }[];
                    /** @description json: fields are JSONPaths; form: fields are form field names */
                    content_type: "json" | "form";
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: {
                            id: string;
                            /** @description Where partners send: PUBLIC_URL/inbound/<id>/… */
                            url: string;
                            project_id: string;
                            name: string;
                            upstream_url: string;
                            content_type: string;
                            fields: {
                                /** @description JSONPath of the value ($.card.number, $.cards[*]); for a form route, the field name (card_number, card) */
                                path: string;
                                /** @description What the value is tokenized as, checked as /tokenize checks it */
                                type: "card" | "bank" | "string";
                                /** @description Token format; default random */
                                format?: "random" | "uuid" | "numeric" | "card_preserving" | "last4_preserving" | "fpe";
                                /** @description For an object value: which of its properties holds each of the type's data fields, e.g. {"cardNumber": "number", "expirationMonth": "exp_month"} */
                                data_fields?: {
                                    [key: string]: string;
                                };
                                required?: boolean;
                            }[];
                            created_at: string;
                            updated_at: string;
                        };
                    };
                };
            };
            /** @description The request is malformed or fails its schema (`validation_error`, `invalid_json`, `invalid_request`, …). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials are missing or wrong (see the operation’s security). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed: a missing permission or role, MFA not yet verified, a failed CSRF check. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Nothing of that id is visible to the caller. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: a fault of the vault; the `request_id` finds it in the logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `service_unavailable`: the database is unreachable or the node is shutting down. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiProjectsByIdRoutesByRouteId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                route_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: {
                            id: string;
                            /** @description Where partners send: PUBLIC_URL/inbound/<id>/… */
                            url: string;
                            project_id: string;
                            name: string;
                            upstream_url: string;
                            content_type: string;
                            fields: {
                                /** @description JSONPath of the value ($.card.number, $.cards[*]); for a form route, the field name (card_number, card) */
                                path: string;
                                /** @description What the value is tokenized as, checked as /tokenize checks it */
                                type: "card" | "bank" | "string";
                                /** @description Token format; default random */
                                format?: "random" | "uuid" | "numeric" | "card_preserving" | "last4_preserving" | "fpe";
                                /** @description For an object value: which of its properties holds each of the type's data fields, e.g. {"cardNumber": "number", "expirationMonth": "exp_month"} */
                                data_fields?: {
                                    [key: string]: string;
                                };
                                required?: boolean;
                            }[];
                            created_at: string;
                            updated_at: string;
                        };
                    };
                };
            };
            /** @description The request is malformed or fails its schema (`validation_error`, `invalid_json`, `invalid_request`, …). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials are missing or wrong (see the operation’s security). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed: a missing permission or role, MFA not yet verified, a failed CSRF check. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Nothing of that id is visible to the caller. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: a fault of the vault; the `request_id` finds it in the logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `service_unavailable`: the database is unreachable or the node is shutting down. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    putApiProjectsByIdRoutesByRouteId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                route_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "partner card intake",
                 *       "upstream_url": "https://api.merchant.example/cards",
                 *       "content_type": "json",
                 *       "fields": [
                 *         {
                 *           "path": "$.card",
                 *           "type": "card",
                 *           "data_fields": {
                 *             "cardNumber": "number",
                 *             "expirationMonth": "exp_month",
                 *             "expirationYear": "exp_year",
                 *             "cvv": "cvc"
                 *           }
                 *         }
                 *       ]
                 *     }
                 */
                "application/json": {
                    name: string;
                    /** @description https URL the request is forwarded to; the path after the route id is appended */
                    upstream_url: string;
                    fields: {
                        /** @description JSONPath of the value ($.card.number, $.cards[*]); for a form route, the field name (card_number, card) */
                        path: string;
                        /** @description What the value is tokenized as, checked as /tokenize checks it */
                        type: "card" | "bank" | "string";
                        /** @description Token format; default random */
                        format?: "random" | "uuid" | "numeric" | "card_preserving" | "last4_preserving" | "fpe";
                        /** @description For an object value: which of its properties holds each of the type's data fields, e.g. {"cardNumber": "number", "expirationMonth": "exp_month"} */
                        data_fields?: {
                            [key: string]: string;
                        };
                        required?: boolean;
                    }[];
                    /** @description json: fields are JSONPaths; form: fields are form field names */
                    content_type: "json" | "form";
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: {
                            id: string;
                            /** @description Where partners send: PUBLIC_URL/inbound/<id>/… */
                            url: string;
                            project_id: string;
                            name: string;
                            upstream_url: string;
                            content_type: string;
                            fields: {
                                /** @description JSONPath of the value ($.card.number, $.cards[*]); for a form route, the field name (card_number, card) */
                                path: string;
                                /** @description What the value is tokenized as, checked as /tokenize checks it */
                                type: "card" | "bank" | "string";
                                /** @description Token format; default random */
                                format?: "random" | "uuid" | "numeric" | "card_preserving" | "last4_preserving" | "fpe";
                                /** @description For an object value: which of its properties holds each of the type's data fields, e.g. {"cardNumber": "number", "expirationMonth": "exp_month"} */
                                data_fields?: {
                                    [key: string]: string;
                                };
                                required?: boolean;
                            }[];
                            created_at: string;
                            updated_at: string;
                        };
                    };
                };
            };
            /** @description The request is malformed or fails its schema (`validation_error`, `invalid_json`, `invalid_request`, …). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials are missing or wrong (see the operation’s security). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed: a missing permission or role, MFA not yet verified, a failed CSRF check. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Nothing of that id is visible to the caller. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: a fault of the vault; the `request_id` finds it in the logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `service_unavailable`: the database is unreachable or the node is shutting down. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteApiProjectsByIdRoutesByRouteId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                route_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: Record<string, never>;
                    };
                };
            };
            /** @description The request is malformed or fails its schema (`validation_error`, `invalid_json`, `invalid_request`, …). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials are missing or wrong (see the operation’s security). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed: a missing permission or role, MFA not yet verified, a failed CSRF check. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Nothing of that id is visible to the caller. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: a fault of the vault; the `request_id` finds it in the logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `service_unavailable`: the database is unreachable or the node is shutting down. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postInboundByRouteIdByPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                route_id: string;
                /** @description Appended to the upstream URL */
                path: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": unknown;
                "application/x-www-form-urlencoded": unknown;
            };
        };
        responses: {
            /** @description The request is malformed or fails its schema (`validation_error`, `invalid_json`, `invalid_request`, …). */
            400: {
                headers: {
                    /** @description Requests allowed in the window. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets. */
                    "RateLimit-Reset"?: number;
                    /** @description `<limit>;w=<seconds>`. */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Nothing of that id is visible to the caller. */
            404: {
                headers: {
                    /** @description Requests allowed in the window. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets. */
                    "RateLimit-Reset"?: number;
                    /** @description `<limit>;w=<seconds>`. */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Over a rate limit: retry after `Retry-After` seconds (also in `retry_after_seconds`). */
            429: {
                headers: {
                    /** @description Requests allowed in the window. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets. */
                    "RateLimit-Reset"?: number;
                    /** @description `<limit>;w=<seconds>`. */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: a fault of the vault; the `request_id` finds it in the logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `service_unavailable`: the database is unreachable or the node is shutting down. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The upstream's answer, as it gave it */
            "2XX": {
                headers: {
                    /** @description Requests allowed in the window. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets. */
                    "RateLimit-Reset"?: number;
                    /** @description `<limit>;w=<seconds>`. */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    /** @description Requests allowed in the window. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets. */
                    "RateLimit-Reset"?: number;
                    /** @description `<limit>;w=<seconds>`. */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getHealthz: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        success: boolean;
                        data: {
                            status: string;
                        };
                    };
                };
            };
            /** @description The request is malformed or fails its schema (`validation_error`, `invalid_json`, `invalid_request`, …). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: a fault of the vault; the `request_id` finds it in the logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `service_unavailable`: the database is unreachable or the node is shutting down. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getReadyz: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        success: boolean;
                        data: {
                            status: string;
                        };
                    };
                };
            };
            /** @description The request is malformed or fails its schema (`validation_error`, `invalid_json`, `invalid_request`, …). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: a fault of the vault; the `request_id` finds it in the logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `service_unavailable`: the database is unreachable or the node is shutting down. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
}
