// The script-tag build: `<script src="https://vault…/elements/v1/elements.global.js">` defines
// window.VaultElements = { create, OzVault, VaultElementsError }.
import { create, OzVault, VaultElementsError } from './index.js';

(window as unknown as { VaultElements: object }).VaultElements = { create, OzVault, VaultElementsError };
