import { createMemoryStorage } from '../src/storage/memory-storage.ts';
import { storageContractSuite } from './storage-contract.ts';

storageContractSuite('memory', async ({ limits, rowOf }) => ({
  storage: createMemoryStorage({ limits, rowOf }),
  cleanup: async () => {},
}));
