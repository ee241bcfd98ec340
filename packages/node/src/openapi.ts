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
        /** Tokenize a card, bank account or string (or a batch of up to 1000) */
        post: {
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
                    "application/json": {
                        type?: "card" | "bank" | "string";
                        /** @description card: {cardNumber, expirationMonth, expirationYear, cvv?, holderName?}; bank: {accountNumber, routingNumber, firstName?, lastName?, holderName?}; string: a string */
                        data?: unknown;
                        deduplicate?: boolean;
                        /** @description How the token looks (docs/tokens.md, "Formats"); default random */
                        format?: "random" | "uuid" | "numeric" | "card_preserving" | "last4_preserving" | "fpe";
                        /** @description Digit formats: the token passes Luhn (default: it fails, so it is never a chargeable number) */
                        luhn?: boolean;
                        /** @description Your own token id (a migration from another vault); never a Luhn-valid digit string */
                        token?: string;
                        ttl_seconds?: number | null;
                        /** @description ≤ 4 KiB of JSON, stored in clear */
                        metadata?: {
                            [key: string]: unknown;
                        } | null;
                        /** @description How the masked card number is shown (at most the first 6 and last 4 digits) */
                        maskingConfig?: {
                            /** @default 6 */
                            visible_first?: number;
                            /** @default 4 */
                            visible_last?: number;
                            /** @description One character, not a digit; default * */
                            mask_char?: string;
                        };
                        /** @description Only with JWT authentication */
                        project_id?: string;
                        items?: unknown[];
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
                                    length: number;
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
                                length: number;
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
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
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
                            retry_after_seconds?: number;
                        };
                    };
                };
            };
        };
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
        /** Return the data behind a token (never the CVV), or up to 1000 tokens */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
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
                                length: number;
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
                                    length: number;
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
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
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
                            retry_after_seconds?: number;
                        };
                    };
                };
            };
        };
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
        /** Tokenize a published test card with a CVC session that lives one year */
        post: {
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
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
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
                            retry_after_seconds?: number;
                        };
                    };
                };
            };
        };
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
        /** A project's tokens, masked, newest first */
        get: {
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
                                    length: number;
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
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
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
                            retry_after_seconds?: number;
                        };
                    };
                };
            };
        };
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
        /** A project's tokens, masked, newest first */
        get: {
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
                                    length: number;
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
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
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
                            retry_after_seconds?: number;
                        };
                    };
                };
            };
        };
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
        /** One token, masked */
        get: {
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
                                    length: number;
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
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
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
                            retry_after_seconds?: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a token and its CVC sessions */
        delete: {
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
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
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
                            retry_after_seconds?: number;
                        };
                    };
                };
            };
        };
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
        /** Mint a short-lived session key for browser card capture (Elements) */
        post: {
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
                        session_limit?: number;
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
                                session_limit: number;
                                expires_at: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
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
                            retry_after_seconds?: number;
                        };
                    };
                };
            };
        };
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
        /** Revoke a session key */
        delete: {
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
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
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
                            retry_after_seconds?: number;
                        };
                    };
                };
            };
        };
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
        /** Check an API key and see what it may do */
        get: {
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
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
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
                            retry_after_seconds?: number;
                        };
                    };
                };
            };
        };
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
        /** A project's applications (display prefix only, never the key) */
        get: {
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
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
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
                            retry_after_seconds?: number;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create an application; the API key is shown once */
        post: {
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
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
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
                            retry_after_seconds?: number;
                        };
                    };
                };
            };
        };
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
        /** One application */
        get: {
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
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
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
                            retry_after_seconds?: number;
                        };
                    };
                };
            };
        };
        /** Rename an application or change its permissions */
        put: {
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
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
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
                            retry_after_seconds?: number;
                        };
                    };
                };
            };
        };
        post?: never;
        /** Delete an application; its key stops working on every node within 1 s */
        delete: {
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
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
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
                            retry_after_seconds?: number;
                        };
                    };
                };
            };
        };
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
        /** Log in with email and password */
        post: {
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
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
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
                            retry_after_seconds?: number;
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
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
                            retry_after_seconds?: number;
                        };
                    };
                };
            };
        };
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
        /** Revoke this session on every node and clear the cookie */
        post: {
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
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
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
                            retry_after_seconds?: number;
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
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
                            retry_after_seconds?: number;
                        };
                    };
                };
            };
        };
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
        /** Check the current token or cookie */
        get: {
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
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
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
                            retry_after_seconds?: number;
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
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
                            retry_after_seconds?: number;
                        };
                    };
                };
            };
        };
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
        /** Change the password (other sessions are revoked) */
        post: {
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
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
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
                            retry_after_seconds?: number;
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
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
                            retry_after_seconds?: number;
                        };
                    };
                };
            };
        };
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
        /** Mail a single-use reset link (always 202) */
        post: {
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
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
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
                            retry_after_seconds?: number;
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
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
                            retry_after_seconds?: number;
                        };
                    };
                };
            };
        };
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
        /** Check a reset token */
        get: {
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
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
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
                            retry_after_seconds?: number;
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
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
                            retry_after_seconds?: number;
                        };
                    };
                };
            };
        };
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
        /** Set a new password with a reset token (all sessions revoked) */
        post: {
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
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
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
                            retry_after_seconds?: number;
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
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
                            retry_after_seconds?: number;
                        };
                    };
                };
            };
        };
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
        /** Replace an expired password and log in */
        post: {
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
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
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
                            retry_after_seconds?: number;
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
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
                            retry_after_seconds?: number;
                        };
                    };
                };
            };
        };
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
        /** When the password expires */
        get: {
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
                                days_remaining: number | null;
                                expired: boolean;
                                max_age_days: number;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
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
                            retry_after_seconds?: number;
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
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
                            retry_after_seconds?: number;
                        };
                    };
                };
            };
        };
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
        /** Mail a 6-digit code to verify an email address (10 min, 5 tries) */
        post: {
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
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
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
                            retry_after_seconds?: number;
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
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
                            retry_after_seconds?: number;
                        };
                    };
                };
            };
        };
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
        /** Trade an emailed code for a verification token */
        post: {
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
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
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
                            retry_after_seconds?: number;
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
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
                            retry_after_seconds?: number;
                        };
                    };
                };
            };
        };
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
        /** Create an account (needs a verification token) */
        post: {
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
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
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
                            retry_after_seconds?: number;
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
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
                            retry_after_seconds?: number;
                        };
                    };
                };
            };
        };
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
        /** Your account settings */
        get: {
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
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
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
                            retry_after_seconds?: number;
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
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
                            retry_after_seconds?: number;
                        };
                    };
                };
            };
        };
        /** Change your name; enable MFA (with current_password) to get a TOTP URI and 10 backup codes */
        put: {
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
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
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
                            retry_after_seconds?: number;
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
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
                            retry_after_seconds?: number;
                        };
                    };
                };
            };
        };
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
        /** Verify a TOTP code (the first success confirms enrolment) */
        post: {
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
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
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
                            retry_after_seconds?: number;
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
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
                            retry_after_seconds?: number;
                        };
                    };
                };
            };
        };
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
        /** Verify with a single-use backup code */
        post: {
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
                                backup_codes_remaining: number;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
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
                            retry_after_seconds?: number;
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
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
                            retry_after_seconds?: number;
                        };
                    };
                };
            };
        };
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
        /** Turn MFA off (needs a TOTP or backup code) */
        post: {
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
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
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
                            retry_after_seconds?: number;
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
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
                            retry_after_seconds?: number;
                        };
                    };
                };
            };
        };
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
        /** MFA state of this user and session */
        get: {
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
                                backup_codes_remaining: number;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
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
                            retry_after_seconds?: number;
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
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
                            retry_after_seconds?: number;
                        };
                    };
                };
            };
        };
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
        /** MFA state of this user and session */
        get: {
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
                                backup_codes_remaining: number;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
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
                            retry_after_seconds?: number;
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
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
                            retry_after_seconds?: number;
                        };
                    };
                };
            };
        };
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
        /** Server-rendered form that completes /auth/mfa/verify with the session cookie */
        get: {
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
            };
        };
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
        /** Create an isolated sub-project and its applications */
        post: {
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
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
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
                            retry_after_seconds?: number;
                        };
                    };
                };
            };
        };
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
        /** Projects you are a member of */
        get: {
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
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
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
                            retry_after_seconds?: number;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create a project (you become its owner) */
        post: {
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
                        environment: "production" | "staging" | "development";
                        require_mfa?: boolean;
                        deduplicate?: boolean;
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
                                proxy_allowed_hosts: string[] | null;
                                elements_origins: string[];
                                created_at: string;
                            } & {
                                role: "owner" | "admin" | "developer" | "viewer";
                            };
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
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
                            retry_after_seconds?: number;
                        };
                    };
                };
            };
        };
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
        /** One project */
        get: {
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
                                proxy_allowed_hosts: string[] | null;
                                elements_origins: string[];
                                created_at: string;
                            } & {
                                role: "owner" | "admin" | "developer" | "viewer";
                            };
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
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
                            retry_after_seconds?: number;
                        };
                    };
                };
            };
        };
        /** Change project settings */
        put: {
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
                                proxy_allowed_hosts: string[] | null;
                                elements_origins: string[];
                                created_at: string;
                            } & {
                                role: "owner" | "admin" | "developer" | "viewer";
                            };
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
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
                            retry_after_seconds?: number;
                        };
                    };
                };
            };
        };
        post?: never;
        /** Delete a project and its provisioned children, crypto-shredding their data keys */
        delete: {
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
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
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
                            retry_after_seconds?: number;
                        };
                    };
                };
            };
        };
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
        /** Members of a project */
        get: {
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
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
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
                            retry_after_seconds?: number;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Invite someone by email (the same 202 for any email; they join once they accept) */
        post: {
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
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
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
                            retry_after_seconds?: number;
                        };
                    };
                };
            };
        };
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
        /** Change a member's role */
        put: {
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
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
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
                            retry_after_seconds?: number;
                        };
                    };
                };
            };
        };
        post?: never;
        /** Remove a member */
        delete: {
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
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
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
                            retry_after_seconds?: number;
                        };
                    };
                };
            };
        };
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
        /** Invitations waiting for you */
        get: {
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
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
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
                            retry_after_seconds?: number;
                        };
                    };
                };
            };
        };
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
        /** Accept an invitation: you become a member with its role */
        post: {
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
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
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
                            retry_after_seconds?: number;
                        };
                    };
                };
            };
        };
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
        /** Decline an invitation */
        post: {
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
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
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
                            retry_after_seconds?: number;
                        };
                    };
                };
            };
        };
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
        /** A project's pending invitations */
        get: {
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
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
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
                            retry_after_seconds?: number;
                        };
                    };
                };
            };
        };
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
        /** Withdraw a pending invitation */
        delete: {
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
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
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
                            retry_after_seconds?: number;
                        };
                    };
                };
            };
        };
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
        /** Audit entries, newest first; NDJSON export with Accept: application/x-ndjson */
        get: {
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
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
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
                            retry_after_seconds?: number;
                        };
                    };
                };
            };
        };
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
        /** Recheck a project's audit rows and seals and name the first bad entry */
        get: {
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
                                entries: number;
                                head_hash: string | null;
                                first_bad_seq?: number;
                                first_bad_id?: string;
                                reason?: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
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
                            retry_after_seconds?: number;
                        };
                    };
                };
            };
        };
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
        /** Audit entries in Ozura's shape (page, limit, total), newest first */
        get: {
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
                                    page: number;
                                    limit: number;
                                    total: number;
                                };
                            };
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
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
                            retry_after_seconds?: number;
                        };
                    };
                };
            };
        };
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
        /** A project's tokenize, detokenize and proxy calls per hour, from its audit log */
        get: {
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
                                    tokenize: number;
                                    detokenize: number;
                                    proxy: number;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
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
                            retry_after_seconds?: number;
                        };
                    };
                };
            };
        };
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
         */
        post: {
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
                                status_code: number;
                                headers: {
                                    [key: string]: string | string[];
                                };
                                /** @description Parsed JSON when the upstream said JSON, else a string; card numbers masked */
                                body: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
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
                            retry_after_seconds?: number;
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
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
                            retry_after_seconds?: number;
                        };
                    };
                };
            };
        };
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
        /** Delete a CVC session of this project */
        delete: {
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
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
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
                            retry_after_seconds?: number;
                        };
                    };
                };
            };
        };
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
        /** Process is up */
        get: {
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
            };
        };
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
        /** Database reachable (503 otherwise) */
        get: {
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
            };
        };
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
    schemas: never;
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
