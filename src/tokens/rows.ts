// A token row as every management read returns it (never the ciphertext).
export type TokenRow = {
  token: string; project_id: string; type: string; format: string; display: unknown; test: boolean;
  metadata: unknown; app_id: string | null; created_at: Date; expires_at: Date | null;
};
export const TOKEN_COLUMNS = ['token', 'project_id', 'type', 'format', 'display', 'test', 'metadata', 'app_id', 'created_at', 'expires_at'] as const;

export type Page<R> = { data: R[]; next_cursor: string | null };
