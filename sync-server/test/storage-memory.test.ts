import { createMemoryStorage } from '../src/storage/memory-storage.ts';
import { storageContractSuite } from './storage-contract.ts';

storageContractSuite('memory', async ({ limits }) => ({
  storage: createMemoryStorage({ limits }),
  cleanup: async () => {},
}));
